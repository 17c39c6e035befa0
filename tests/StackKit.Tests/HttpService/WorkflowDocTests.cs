using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using StackKit.Tests.Moto;
using StackKit.Tests.Templates;

namespace StackKit.Tests.HttpService;

/// <summary>docs/workflow.md's commands for shipping a new image with the aws CLI, run as written on moto.</summary>
[Collection(UsesMoto.Name)]
public sealed partial class WorkflowDocTests(MotoServer moto) : ServiceOnMoto(moto)
{
    [Fact]
    public async Task The_update_stack_lines_change_the_image_and_keep_every_other_parameter()
    {
        await Service.CreateAsync(new HttpServiceStackRequest
        {
            StackName = "web",
            DockerImage = "registry.example.test/web:1",
            InstanceType = "t3.small",
            ServiceCredential = new NetworkCredential("ops", "Workflow-Passw0rd!"),
            SkipPreflight = true,
        });
        var before = (await Service.GetAsync("web")).Parameters;
        var block = BashBlock().Match(File.ReadAllText(RepositoryFiles.PathOf("docs", "workflow.md"))).Groups["code"].Value;
        Assert.Contains("update-stack", block, StringComparison.Ordinal);

        // The block as written, with the stack's name for NAME; the aws CLI reaches moto through AWS_ENDPOINT_URL.
        var start = new ProcessStartInfo("bash", ["-euo", "pipefail", "-c", block.Replace("NAME", "web", StringComparison.Ordinal)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["AWS_ENDPOINT_URL"] = Moto.Endpoint.ToString(),
                ["AWS_ACCESS_KEY_ID"] = MotoServer.AccessKey,
                ["AWS_SECRET_ACCESS_KEY"] = MotoServer.SecretKey,
                ["AWS_DEFAULT_REGION"] = MotoServer.Region,
                ["AWS_EC2_METADATA_DISABLED"] = "true",
            },
        };
        start.Environment.Remove("AWS_PROFILE");
        using var bash = Process.Start(start)!;
        var stderr = bash.StandardError.ReadToEndAsync();
        await bash.StandardOutput.ReadToEndAsync();
        await bash.WaitForExitAsync();
        Assert.True(bash.ExitCode == 0, await stderr);

        var after = (await Service.GetAsync("web")).Parameters;
        Assert.Equal("registry.example.com/web:2", after["DockerImage"]);
        Assert.Equal(before.Where(p => p.Key != "DockerImage"), after.Where(p => p.Key != "DockerImage"));
        Assert.Equal(("t3.small", "ops"), (after["InstanceType"], after["ServiceUsername"]));
    }

    [GeneratedRegex(@"## Ship a new image with the CLI.*?```bash\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex BashBlock();
}
