using System.Text.Json;
using System.Text.RegularExpressions;
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
        await moto.AwsJsonAsync("ec2", "create-key-pair", "--key-name", "service-key");

        await moto.AwsJsonAsync("cloudformation", "create-stack", "--stack-name", "service",
            "--template-body", "file://" + RepositoryFiles.PathOf("templates", "http-service.json"),
            "--parameters", "ParameterKey=SshKeyName,ParameterValue=service-key", "--capabilities", "CAPABILITY_IAM");

        var url = await CompletedStackUrlAsync("service");
        Assert.Matches("^http://service-LoadBalancer-[^/]+$", url);
        var launchTemplate = await moto.AwsJsonAsync("ec2", "describe-launch-template-versions", "--launch-template-name",
            await SingleAsync("ec2", "describe-launch-templates", "LaunchTemplates", "LaunchTemplateName"));
        var data = launchTemplate.GetProperty("LaunchTemplateVersions")[0].GetProperty("LaunchTemplateData");
        Assert.Equal("service-key", data.GetProperty("KeyName").GetString());
        Assert.Equal("required", data.GetProperty("MetadataOptions").GetProperty("HttpTokens").GetString());
        Assert.Equal(2, data.GetProperty("MetadataOptions").GetProperty("HttpPutResponseHopLimit").GetInt32());
        Assert.EndsWith(":instance-profile/" + await SingleAsync("iam", "list-instance-profiles", "InstanceProfiles", "InstanceProfileName"),
            data.GetProperty("IamInstanceProfile").GetProperty("Arn").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_original_command_creates_the_key_table_and_the_role_that_may_only_add_and_read_its_keys()
    {
        await moto.ResetAsync();

        await moto.AwsJsonAsync("cloudformation", "create-stack", "--stack-name", "service",
            "--template-body", "file://" + RepositoryFiles.PathOf("templates", "http-service.json"), "--capabilities", "CAPABILITY_IAM");

        var tableName = await CompletedStackOutputAsync("service", "KeyTable");
        var table = (await moto.AwsJsonAsync("dynamodb", "describe-table", "--table-name", tableName)).GetProperty("Table");
        Assert.Equal("PAY_PER_REQUEST", table.GetProperty("BillingModeSummary").GetProperty("BillingMode").GetString());
        // Encryption is asserted on the template: moto 5.2.1 reads SSESpecification.Enabled (the API's name), not
        // CloudFormation's SSEEnabled, so its table never reports SSE.
        var key = Assert.Single(table.GetProperty("KeySchema").EnumerateArray());
        Assert.Equal(("Fingerprint", "HASH"), (key.GetProperty("AttributeName").GetString(), key.GetProperty("KeyType").GetString()));
        // The instances' role, beside the audit function's (KeyAuditTests).
        var roleName = (await moto.AwsJsonAsync("iam", "list-roles")).GetProperty("Roles").EnumerateArray()
            .Select(r => r.GetProperty("RoleName").GetString()!).Single(n => n.Contains("InstanceRole", StringComparison.Ordinal));
        var policyNames = (await moto.AwsJsonAsync("iam", "list-role-policies", "--role-name", roleName)).GetProperty("PolicyNames").EnumerateArray().Select(n => n.GetString()!).ToList();
        // Beside it: the central logs' own policy (ProductionTemplateTests asserts its statement) and the load balancer
        // health read a new server waits on before it signals (RealAwsTemplateTests).
        Assert.Equal(["KeyTableAccess", "LoadBalancerHealthRead", "LogGroupWrite"], policyNames.Order());
        var policyName = "KeyTableAccess";
        var document = (await moto.AwsJsonAsync("iam", "get-role-policy", "--role-name", roleName, "--policy-name", policyName)).GetProperty("PolicyDocument");
        // moto 5.2.1 keeps a policy from a template as Python's repr of it, not JSON, so it is read as text here;
        // the statement's exact shape is asserted on the template (KeyStoreTemplateTests).
        var text = document.ValueKind == JsonValueKind.String ? document.GetString()! : document.GetRawText();
        var quotedActions = Regex.Matches(text, @"['""]([a-z0-9-]+:[A-Za-z*]+)['""]").Select(m => m.Groups[1].Value);
        Assert.Equal(["dynamodb:PutItem", "dynamodb:Scan"], quotedActions);
        Assert.Contains(table.GetProperty("TableArn").GetString()!, text, StringComparison.Ordinal);
        Assert.DoesNotContain("*", text, StringComparison.Ordinal);
        Assert.Empty((await moto.AwsJsonAsync("iam", "list-attached-role-policies", "--role-name", roleName)).GetProperty("AttachedPolicies").EnumerateArray());
    }

    [Fact]
    public async Task The_yaml_template_deploys_without_a_key_pair()
    {
        await moto.ResetAsync();

        await moto.AwsJsonAsync("cloudformation", "create-stack", "--stack-name", "keyless",
            "--template-body", "file://" + RepositoryFiles.PathOf("templates", "http-service.yaml"), "--capabilities", "CAPABILITY_IAM");

        Assert.StartsWith("http://", await CompletedStackUrlAsync("keyless"), StringComparison.Ordinal);
        var rules = await moto.AwsJsonAsync("ec2", "describe-security-groups");
        Assert.DoesNotContain(rules.GetProperty("SecurityGroups").EnumerateArray(),
            group => group.GetProperty("IpPermissions").EnumerateArray().Any(rule => rule.TryGetProperty("FromPort", out var port) && port.GetInt32() == 22));
    }

    [Theory]
    [MemberData(nameof(TemplateVariants.Names), MemberType = typeof(TemplateVariants))]
    public async Task Templates_generated_with_each_option_set_deploy(string variant)
    {
        await moto.ResetAsync();
        var path = Path.Combine(_folder.FullName, variant + ".json");
        var options = TemplateVariants.All[variant];
        if (options.CertificateArn is not null)
        {
            // moto checks that the listener's certificate exists in ACM, as AWS does: one is requested first.
            var certificate = await moto.AwsJsonAsync("acm", "request-certificate", "--domain-name", options.DomainName ?? "service.example.com");
            // The domain's record is left out here: moto 5.2.1 answers CreateHostedZone with a 500, so no zone can
            // hold it. The record is asserted on the template (ProductionTemplateTests) and cfn-lint checks it.
            options = new HttpServiceOptions { CertificateArn = certificate.GetProperty("CertificateArn").GetString() };
        }
        await File.WriteAllTextAsync(path, TemplateWriter.ToJson(HttpServiceTemplate.Build(options)));

        await moto.AwsJsonAsync("cloudformation", "create-stack", "--stack-name", variant, "--template-body", "file://" + path, "--capabilities", "CAPABILITY_IAM");

        Assert.StartsWith(options.CertificateArn is null ? "http://" : "https://", await CompletedStackUrlAsync(variant), StringComparison.Ordinal);
        var group = (await moto.AwsJsonAsync("autoscaling", "describe-auto-scaling-groups")).GetProperty("AutoScalingGroups")[0];
        Assert.Equal((1, 5), (group.GetProperty("MinSize").GetInt32(), group.GetProperty("MaxSize").GetInt32()));
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private Task<string> CompletedStackUrlAsync(string stackName) => CompletedStackOutputAsync(stackName, "URL");

    // moto creates a stack's resources within the create-stack call, so the stack is complete at once.
    private async Task<string> CompletedStackOutputAsync(string stackName, string outputKey)
    {
        var stack = (await moto.AwsJsonAsync("cloudformation", "describe-stacks", "--stack-name", stackName)).GetProperty("Stacks")[0];
        Assert.Equal("CREATE_COMPLETE", stack.GetProperty("StackStatus").GetString());
        var output = Assert.Single(stack.GetProperty("Outputs").EnumerateArray(), o => o.GetProperty("OutputKey").GetString() == outputKey);
        return output.GetProperty("OutputValue").GetString()!;
    }

    private async Task<string> SingleAsync(string service, string command, string list, string property) =>
        (await moto.AwsJsonAsync(service, command)).GetProperty(list)[0].GetProperty(property).GetString()!;
}
