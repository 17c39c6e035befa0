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
    public void The_release_workflow_pushes_the_default_image_for_amd64_and_arm64_from_the_Dockerfile()
    {
        var push = Steps().Single(step => Text(step, "uses")?.StartsWith("docker/build-push-action@", StringComparison.Ordinal) == true);
        var with = (YamlMappingNode)push.Children[new YamlScalarNode("with")];

        Assert.Equal($"{ReleaseImage.Repository}:${{{{ needs.version.outputs.version }}}}", Text(with, "tags"));
        Assert.Equal("linux/amd64,linux/arm64", Text(with, "platforms"));
        Assert.Equal("templates/Dockerfile", Text(with, "file"));
        Assert.True(File.Exists(RepositoryFiles.PathOf("templates", "Dockerfile")));
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

    private static IEnumerable<YamlMappingNode> Steps()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Workflow))
        {
            yaml.Load(reader);
        }
        var jobs = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode).Children[new YamlScalarNode("jobs")];
        return jobs.Children.Values.Cast<YamlMappingNode>()
            .SelectMany(job => ((YamlSequenceNode)job.Children[new YamlScalarNode("steps")]).Children.Cast<YamlMappingNode>());
    }

    private static string? Text(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value?.TrimEnd('\n') : null;
}
