using System.Text.Json;
using StackKit.HttpService;
using StackKit.Templates;
using StackKit.Tests.Moto;
using StackKit.Tests.Templates;

namespace StackKit.Tests.HttpService;

/// <summary>The original commands deploy the template on moto_server, and the stack reports its URL.</summary>
[Collection(UsesMoto.Name)]
public sealed class MotoDeployTests(MotoServer moto) : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("stackkit-moto-");

    [Fact]
    public async Task The_original_create_stack_command_with_a_key_pair_completes_and_outputs_the_URL()
    {
        await moto.ResetAsync();
        await AwsAsync("ec2", "create-key-pair", "--key-name", "service-key");

        await AwsAsync("cloudformation", "create-stack", "--stack-name", "service",
            "--template-body", "file://" + RepositoryFiles.PathOf("templates", "http-service.json"),
            "--parameters", "ParameterKey=SshKeyName,ParameterValue=service-key");

        var url = await CompletedStackUrlAsync("service");
        Assert.Matches("^http://service-LoadBalancer-[^/]+$", url);
        var launchTemplate = await AwsAsync("ec2", "describe-launch-template-versions", "--launch-template-name",
            await SingleAsync("ec2", "describe-launch-templates", "LaunchTemplates", "LaunchTemplateName"));
        var data = launchTemplate.GetProperty("LaunchTemplateVersions")[0].GetProperty("LaunchTemplateData");
        Assert.Equal("service-key", data.GetProperty("KeyName").GetString());
        Assert.Equal("required", data.GetProperty("MetadataOptions").GetProperty("HttpTokens").GetString());
    }

    [Fact]
    public async Task The_yaml_template_deploys_without_a_key_pair()
    {
        await moto.ResetAsync();

        await AwsAsync("cloudformation", "create-stack", "--stack-name", "keyless",
            "--template-body", "file://" + RepositoryFiles.PathOf("templates", "http-service.yaml"));

        Assert.StartsWith("http://", await CompletedStackUrlAsync("keyless"), StringComparison.Ordinal);
        var rules = await AwsAsync("ec2", "describe-security-groups");
        Assert.DoesNotContain(rules.GetProperty("SecurityGroups").EnumerateArray(),
            group => group.GetProperty("IpPermissions").EnumerateArray().Any(rule => rule.TryGetProperty("FromPort", out var port) && port.GetInt32() == 22));
    }

    [Theory]
    [MemberData(nameof(TemplateVariants.Names), MemberType = typeof(TemplateVariants))]
    public async Task Templates_generated_with_each_option_set_deploy(string variant)
    {
        await moto.ResetAsync();
        var path = Path.Combine(_folder.FullName, variant + ".json");
        await File.WriteAllTextAsync(path, TemplateWriter.ToJson(HttpServiceTemplate.Build(TemplateVariants.All[variant])));

        await AwsAsync("cloudformation", "create-stack", "--stack-name", variant, "--template-body", "file://" + path);

        Assert.StartsWith("http://", await CompletedStackUrlAsync(variant), StringComparison.Ordinal);
        var group = (await AwsAsync("autoscaling", "describe-auto-scaling-groups")).GetProperty("AutoScalingGroups")[0];
        Assert.Equal((1, 5), (group.GetProperty("MinSize").GetInt32(), group.GetProperty("MaxSize").GetInt32()));
    }

    public void Dispose() => _folder.Delete(recursive: true);

    // moto creates a stack's resources within the create-stack call, so the stack is complete at once.
    private async Task<string> CompletedStackUrlAsync(string stackName)
    {
        var stack = (await AwsAsync("cloudformation", "describe-stacks", "--stack-name", stackName)).GetProperty("Stacks")[0];
        Assert.Equal("CREATE_COMPLETE", stack.GetProperty("StackStatus").GetString());
        var output = Assert.Single(stack.GetProperty("Outputs").EnumerateArray(), o => o.GetProperty("OutputKey").GetString() == "URL");
        return output.GetProperty("OutputValue").GetString()!;
    }

    private async Task<string> SingleAsync(string service, string command, string list, string property) =>
        (await AwsAsync(service, command)).GetProperty(list)[0].GetProperty(property).GetString()!;

    private async Task<JsonElement> AwsAsync(params string[] arguments)
    {
        var (exitCode, stdout, stderr) = await moto.RunAwsCliAsync(arguments);
        Assert.True(exitCode == 0, $"aws {string.Join(' ', arguments)} failed ({exitCode}): {stderr}");
        return string.IsNullOrWhiteSpace(stdout) ? default : JsonDocument.Parse(stdout).RootElement.Clone();
    }
}
