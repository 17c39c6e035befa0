using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using StackKit.HttpService;
using StackKit.Tests.Templates;
using YamlDotNet.RepresentationModel;

namespace StackKit.Tests.Release;

/// <summary>
/// The release publishes the image the template runs by default: one version (Directory.Build.props) for the library,
/// the default image tag, the checked-in templates and the release workflow's check of the pushed tag.
/// </summary>
public sealed class ReleaseTests
{
    private static readonly string Workflow = RepositoryFiles.PathOf(".github", "workflows", "release.yml");

    private static string DeclaredVersion =>
        XDocument.Load(RepositoryFiles.PathOf("Directory.Build.props")).Descendants("VersionPrefix").Single().Value;

    [Fact]
    public void The_default_image_is_the_release_image_at_the_version_in_Directory_Build_props()
    {
        var expected = $"ghcr.io/stackkit/http-service:{DeclaredVersion}";

        Assert.Equal(DeclaredVersion, ReleaseImage.Version);
        Assert.Equal(expected, ReleaseImage.Reference);
        Assert.Equal(expected, new HttpServiceOptions().DefaultDockerImage);
        using var template = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.PathOf("templates", "http-service.json")));
        Assert.Equal(expected, template.RootElement.GetProperty("Parameters").GetProperty(HttpServiceNames.DockerImage).GetProperty("Default").GetString());
    }

    [Fact]
    public async Task The_release_workflow_passes_yamllint()
    {
        var (exitCode, output) = await ExternalTool.RunAsync("yamllint", "-s", "-c", RepositoryFiles.PathOf(".yamllint.yml"), Workflow);

        Assert.True(exitCode == 0, $"yamllint (install it with scripts/prerequisites.sh) found: {output}");
    }

    [Fact]
    public async Task The_release_workflow_pushes_the_default_image_for_amd64_and_arm64_with_the_tests_build_image_sh()
    {
        var image = Job("image");
        var legs = ((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)image.Children[new YamlScalarNode("strategy")]).Children[new YamlScalarNode("matrix")]).Children[new YamlScalarNode("include")])
            .Children.Cast<YamlMappingNode>().Select(leg => $"{Text(leg, "arch")} on {Text(leg, "runner")}");
        var build = JobSteps(image).Single(step => Text(step, "name") == "Build and push the image");
        var buildEnvironment = (YamlMappingNode)build.Children[new YamlScalarNode("env")];

        // Each architecture on its own runner (Native AOT compiles for the machine it runs on), with the tests' command.
        Assert.Equal(["amd64 on ubuntu-24.04", "arm64 on ubuntu-24.04-arm"], legs);
        Assert.Equal("${{ matrix.runner }}", Text(image, "runs-on"));
        Assert.Equal("bash scripts/build-image.sh \"$IMAGE\"", Text(build, "run"));
        Assert.Equal($"{ReleaseImage.Repository}:${{{{ needs.version.outputs.version }}}}-${{{{ matrix.arch }}}}", Text(buildEnvironment, "IMAGE"));
        Assert.True(File.Exists(RepositoryFiles.PathOf("scripts", "build-image.sh")));

        // The index at the default image's reference names both; its script runs here with docker stood in.
        var index = JobSteps(Job("image-index")).Single(step => Text(step, "name") == "Push the index");
        Assert.Equal($"{ReleaseImage.Repository}:${{{{ needs.version.outputs.version }}}}", Text((YamlMappingNode)index.Children[new YamlScalarNode("env")], "IMAGE"));
        var (exitCode, calls) = await RunWithDockerStoodInAsync(Text(index, "run")!, ReleaseImage.Reference);
        Assert.Equal(0, exitCode);
        Assert.Equal(
            $"buildx imagetools create --tag {ReleaseImage.Reference} {ReleaseImage.Reference}-amd64 {ReleaseImage.Reference}-arm64\nbuildx imagetools inspect {ReleaseImage.Reference}",
            calls.Trim());
    }

    [Fact]
    public void Every_action_is_pinned_to_a_commit_and_secrets_are_named_never_written()
    {
        var uses = Steps().Select(step => Text(step, "uses")).OfType<string>().ToList();

        Assert.NotEmpty(uses);
        Assert.All(uses, action => Assert.Matches("^[a-z-]+/[a-z-]+@[0-9a-f]{40}$", action));
        var text = File.ReadAllText(Workflow);
        Assert.Equal(["GITHUB_TOKEN", "NUGET_API_KEY", "PSGALLERY_API_KEY"],
            Regex.Matches(text, @"secrets\.([A-Z_]+)").Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal));
        Assert.DoesNotMatch(@"(api-key|ApiKey)\s+[^$\s""]", text);
    }

    [Fact]
    public async Task The_release_stops_when_the_tag_is_not_the_declared_version()
    {
        var check = Text(Steps().Single(step => Text(step, "id") == "check"), "run")!;

        var (mismatch, refusal) = await RunCheckAsync(check, "v9.9.9");
        var (match, _) = await RunCheckAsync(check, "v" + DeclaredVersion);

        Assert.Equal(1, mismatch);
        Assert.Contains($"Tag v9.9.9 does not match VersionPrefix {DeclaredVersion} in Directory.Build.props", refusal, StringComparison.Ordinal);
        Assert.Equal(0, match);
    }

    private static async Task<(int ExitCode, string Output)> RunCheckAsync(string script, string tag)
    {
        var output = Path.GetTempFileName();
        try
        {
            var start = new System.Diagnostics.ProcessStartInfo("bash", ["-eo", "pipefail", "-c", script])
            {
                WorkingDirectory = RepositoryFiles.PathOf(),
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["TAG"] = tag;
            start.Environment["GITHUB_OUTPUT"] = output;
            using var process = System.Diagnostics.Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await stdout + await stderr + await File.ReadAllTextAsync(output));
        }
        finally
        {
            File.Delete(output);
        }
    }

    private static async Task<(int ExitCode, string Calls)> RunWithDockerStoodInAsync(string script, string image)
    {
        var start = new System.Diagnostics.ProcessStartInfo("bash", ["-eo", "pipefail", "-c", "docker() { echo \"$*\"; }\n" + script])
        {
            RedirectStandardOutput = true,
        };
        start.Environment["IMAGE"] = image;
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }

    private static YamlMappingNode Jobs()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Workflow))
        {
            yaml.Load(reader);
        }
        return (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode).Children[new YamlScalarNode("jobs")];
    }

    private static YamlMappingNode Job(string name) => (YamlMappingNode)Jobs().Children[new YamlScalarNode(name)];

    private static IEnumerable<YamlMappingNode> JobSteps(YamlMappingNode job) =>
        ((YamlSequenceNode)job.Children[new YamlScalarNode("steps")]).Children.Cast<YamlMappingNode>();

    private static IEnumerable<YamlMappingNode> Steps() => Jobs().Children.Values.Cast<YamlMappingNode>().SelectMany(JobSteps);

    private static string? Text(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value?.TrimEnd('\n') : null;
}
