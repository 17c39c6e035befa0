using StackKit.Keys;
using StackKit.HttpService;
using StackKit.Resources.AutoScaling;
using StackKit.Resources.Ec2;
using StackKit.Templates;
using StackKit.Templates.Intrinsics;
using StackKit.Tests.Templates;

namespace StackKit.Tests.HttpService;

public sealed class HttpServiceTemplateTests
{
    [Fact]
    public void The_original_parameter_and_output_names_are_kept()
    {
        var template = HttpServiceTemplate.Build();

        Assert.Subset(template.Parameters.Select(p => p.LogicalId).ToHashSet(), new HashSet<string> { "AmiId", "SshKeyName", "DockerImage", "InstanceType", "SshCidr" });
        Assert.Equal(["URL", HttpServiceNames.AutoScalingGroupOutput, "KeyTable", HttpServiceNames.SshKeyLifetimeOutput, HttpServiceNames.KeyApprovalOutput, HttpServiceNames.KeyAuditLogOutput], template.Outputs.Select(o => o.LogicalId));
        Assert.All(template.Parameters, p => Assert.NotNull(p.Default));
    }

    [Fact]
    public void By_default_the_AMI_is_the_latest_Amazon_Linux_2023_from_SSM_unless_AmiId_is_given()
    {
        var template = HttpServiceTemplate.Build();

        var latest = Parameter(template, "LatestAmiId");
        Assert.Equal((ParameterTypes.SsmImageId, HttpServiceOptions.EcsOptimizedAmazonLinux2023SsmParameter), (latest.Type, latest.Default));
        Assert.Equal(string.Empty, Parameter(template, "AmiId").Default);
        var imageId = (Intrinsic)LaunchData(template).ImageId!.Expression;
        Assert.Equal("{\"Fn::If\":[\"HasAmiId\",{\"Ref\":\"AmiId\"},{\"Ref\":\"LatestAmiId\"}]}", imageId.ToString());
    }

    [Fact]
    public void An_explicit_AMI_is_baked_in_as_the_AmiId_default_and_SSM_is_not_used()
    {
        var template = HttpServiceTemplate.Build(new HttpServiceOptions { AmiId = "ami-0123456789abcdef0" });

        Assert.DoesNotContain(template.Parameters, p => p.LogicalId == "LatestAmiId");
        var amiId = Parameter(template, "AmiId");
        Assert.Equal((ParameterTypes.ImageId, "ami-0123456789abcdef0"), (amiId.Type, amiId.Default));
        Assert.Equal("{\"Ref\":\"AmiId\"}", LaunchData(template).ImageId!.Expression.ToString());
    }

    [Fact]
    public void Instances_take_HTTP_only_from_the_load_balancer_and_SSH_only_from_SshCidr_when_a_key_is_set()
    {
        var template = HttpServiceTemplate.Build();

        var instanceRules = ((SecurityGroup)template.FindResource("InstanceSecurityGroup")!).SecurityGroupIngress!;
        var http = Assert.Single(instanceRules);
        Assert.Equal("{\"Fn::GetAtt\":[\"LoadBalancerSecurityGroup\",\"GroupId\"]}", http.SourceSecurityGroupId!.Expression.ToString());
        Assert.Null(http.CidrIp);
        var ssh = Assert.IsType<SecurityGroupIngress>(Assert.Single(template.Resources, r => r is SecurityGroupIngress));
        Assert.Same(Assert.Single(template.Conditions, c => c.LogicalId == "HasSshKey"), ssh.Condition);
        Assert.Equal("{\"Ref\":\"SshCidr\"}", ssh.CidrIp!.Expression.ToString());
        Assert.Equal(HttpServiceTemplate.VpcCidr, Parameter(template, "SshCidr").Default);
        Assert.Equal("{\"Fn::If\":[\"HasSshKey\",{\"Ref\":\"SshKeyName\"},{\"Ref\":\"AWS::NoValue\"}]}", LaunchData(template).KeyName!.Expression.ToString());
    }

    [Fact]
    public void Without_SSH_access_there_is_no_key_pair_parameter_no_key_and_no_port_22()
    {
        var template = HttpServiceTemplate.Build(new HttpServiceOptions { SshAccess = false });

        Assert.DoesNotContain(template.Parameters, p => p.LogicalId is "SshKeyName" or "SshCidr");
        Assert.DoesNotContain(template.Resources, r => r is SecurityGroupIngress);
        Assert.Null(LaunchData(template).KeyName);
        Assert.DoesNotContain("22", TemplateWriter.ToJson(template).Split('\n').Where(line => line.Contains("Port", StringComparison.Ordinal)));
    }

    [Fact]
    public void Instances_require_IMDSv2_and_their_user_data_runs_the_image_unprivileged_with_ssh_mounted_and_signals_itself()
    {
        var data = LaunchData(HttpServiceTemplate.Build(new HttpServiceOptions { ContainerPort = 5000 }));

        Assert.Equal(HttpTokensState.Required, LiteralOf(data.MetadataOptions!.HttpTokens!));
        var base64 = (Intrinsic)data.UserData!.Expression;
        var sub = Assert.IsType<Intrinsic>(base64.Argument);
        Assert.Equal(("Fn::Base64", "Fn::Sub"), (base64.Name, sub.Name));
        var script = ((Literal)sub.Argument).Value.ToString()!;
        Assert.StartsWith("#!/bin/bash\n", script, StringComparison.Ordinal);
        Assert.Contains("--user \"$(id -u ec2-user):$(id -g ec2-user)\"", script, StringComparison.Ordinal);
        Assert.Contains("--volume \"$home/.ssh:$home/.ssh\" --publish 80:5000", script, StringComparison.Ordinal);
        Assert.Contains("'${DockerImage}'", script, StringComparison.Ordinal);
        Assert.Contains("/opt/aws/bin/cfn-signal --exit-code \"$1\" --stack '${AWS::StackName}' --resource AutoScalingGroup", script, StringComparison.Ordinal);
        // Any failing step prints where the boot stopped and signals failure at once.
        Assert.Contains("trap 'failed $?' ERR", script, StringComparison.Ordinal);
        Assert.Contains("failed() {\n  trap - ERR\n  echo \"stackkit: FAILED at $current (exit code $1)\"\n  refusal=$(signal 1 2>&1)", script, StringComparison.Ordinal);
        Assert.Equal(
            Enumerable.Range(1, 7).Select(n => $"step {n} "),
            script.Split('\n').Select(l => l.TrimStart()).Where(l => l.StartsWith("step ", StringComparison.Ordinal)).Select(l => l[..7]).Distinct());
        // The health wait survives the resets Docker's port proxy sends while the server starts.
        Assert.Contains("for (( tries = 0; tries < 480; tries++ )); do\n  code=0; curl --silent --fail --max-time 2 --output /dev/null http://127.0.0.1/ || code=$?\n", script, StringComparison.Ordinal);
        // cfn-signal comes first, in the boot's one install of what the AMI lacks, before anything else can fail.
        Assert.Contains("[ -x /opt/aws/bin/cfn-signal ] || missing=\"$missing aws-cfn-bootstrap\"\n", script, StringComparison.Ordinal);
        Assert.Single(script.Split('\n'), line => line.Contains("dnf install", StringComparison.Ordinal));
        Assert.True(script.IndexOf("aws-cfn-bootstrap", StringComparison.Ordinal) < script.IndexOf("dnf install", StringComparison.Ordinal));
        Assert.Single(script.Split('\n'), line => line.StartsWith("docker run", StringComparison.Ordinal));
    }

    [Fact]
    public void The_service_password_hash_is_a_secret_parameter_that_reaches_the_container_through_a_root_only_file()
    {
        var template = HttpServiceTemplate.Build();
        var hash = template.Parameters.Single(p => p.LogicalId == HttpServiceNames.ServicePasswordHash);
        var script = ((Literal)((Intrinsic)((Intrinsic)LaunchData(template).UserData!.Expression).Argument).Argument).Value.ToString()!;

        Assert.True(hash.NoEcho);
        Assert.Equal(string.Empty, hash.Default);
        Assert.DoesNotContain(template.Parameters, p => p.LogicalId == HttpServiceNames.LegacyServicePassword);
        var lines = script.Split('\n');
        Assert.Equal(["password_hash='${ServicePasswordHash}'"], lines.Where(l => l.Contains("${ServicePasswordHash}", StringComparison.Ordinal)));
        Assert.Contains("install -m 600 /dev/null /etc/stackkit/service.env", script, StringComparison.Ordinal);
        var dockerRun = lines.Single(l => l.StartsWith("docker run", StringComparison.Ordinal));
        Assert.Contains("--env-file /etc/stackkit/service.env", dockerRun, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.Contains("--env KeyInjection", StringComparison.Ordinal));
        // A plaintext password, and anything that could end the single quotes or expand in bash, is refused.
        foreach (var refused in new[] { "Str0ng.Passw0rd-2026", "correct horse battery staple", "pbkdf2-sha256$600000$'$(id)", "pbkdf2-sha256$1000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=" })
        {
            Assert.DoesNotMatch(hash.AllowedPattern!, refused);
        }
        Assert.Matches(hash.AllowedPattern!, PasswordHash.Compute("Str0ng.Passw0rd-2026"));
    }

    [Fact]
    public void The_classic_load_balancer_drains_instances_that_scale_in()
    {
        var loadBalancer = (StackKit.Resources.ElasticLoadBalancing.LoadBalancer)HttpServiceTemplate.Build().FindResource("LoadBalancer")!;

        var draining = loadBalancer.ConnectionDrainingPolicy!;
        Assert.True(draining.Enabled!.TryGetLiteral(out var enabled) && enabled);
        Assert.Equal(15, Number(draining.Timeout!));
    }

    [Fact]
    public void The_group_runs_1_to_5_servers_waits_for_the_first_signal_and_rolls_updates()
    {
        var group = (AutoScalingGroup)HttpServiceTemplate.Build().FindResource("AutoScalingGroup")!;

        Assert.Equal((1, 5), (Number(group.MinSize!), Number(group.MaxSize!)));
        Assert.Equal(1, Number(group.CreationPolicy!.ResourceSignal!.Count!));
        var rolling = group.UpdatePolicy!.AutoScalingRollingUpdate!;
        Assert.True(rolling.WaitOnResourceSignals!.TryGetLiteral(out var waits) && waits);
        Assert.Contains("\"AlarmNotification\"", rolling.SuspendProcesses!.Expression.ToString(), StringComparison.Ordinal);
        Assert.Equal("{\"Fn::GetAtt\":[\"LaunchTemplate\",\"LatestVersionNumber\"]}", group.LaunchTemplate!.Version!.Expression.ToString());
    }

    [Theory]
    [InlineData(LoadBalancerKind.Classic, "{\"Fn::GetAtt\":[\"LoadBalancer\",\"DNSName\"]}")]
    [InlineData(LoadBalancerKind.Application, "{\"Fn::GetAtt\":[\"LoadBalancer\",\"DNSName\"]}")]
    public void The_URL_output_is_http_and_the_load_balancer_DNS_name(LoadBalancerKind kind, string dnsName)
    {
        var url = Assert.Single(HttpServiceTemplate.Build(new HttpServiceOptions { LoadBalancer = kind }).Outputs, o => o.LogicalId == "URL");

        Assert.Equal("{\"Fn::Sub\":[\"http://${DnsName}\",{\"DnsName\":" + dnsName + "}]}", url.Value.Expression.ToString());
    }

    [Theory]
    [MemberData(nameof(TemplateVariants.Names), MemberType = typeof(TemplateVariants))]
    public async Task Every_resource_that_takes_tags_carries_the_stack_name(string variant)
    {
        var template = HttpServiceTemplate.Build(TemplateVariants.All[variant]);
        var types = template.Resources.Select(r => r.Type).Distinct().ToArray();
        // cfn-lint's copy of the CloudFormation resource schemas says which types take Tags or TagSpecifications.
        var (exitCode, output) = await ExternalTool.RunAsync("python3", ["-c", """
            import sys
            from cfnlint.schema import PROVIDER_SCHEMA_MANAGER as schemas
            for name in sys.argv[1:]:
                properties = schemas.get_resource_schema("us-east-1", name).schema["properties"]
                print(name, "Tags" in properties, "TagSpecifications" in properties)
            """, .. types]);
        Assert.True(exitCode == 0, output);
        var taggable = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(' ')).ToDictionary(f => f[0], f => (Tags: f[1] == "True", Specs: f[2] == "True"));
        const string StackName = "{\"Ref\":\"AWS::StackName\"}";

        foreach (var resource in template.Resources)
        {
            var (tags, specs) = taggable[resource.Type];
            if (tags)
            {
                Assert.True(resource.Properties["Tags"] is ListExpression list && list.Items.Any(tag => tag.ToString().Contains(StackName, StringComparison.Ordinal)),
                    $"{resource.LogicalId} ({resource.Type}) takes Tags but does not carry the stack name.");
            }
            if (specs)
            {
                Assert.True(resource.Properties["TagSpecifications"] is { } specifications && specifications.ToString().Contains(StackName, StringComparison.Ordinal),
                    $"{resource.LogicalId} ({resource.Type}) takes TagSpecifications but does not carry the stack name.");
            }
        }
        Assert.Contains("instance", LaunchData(template).Properties["TagSpecifications"]!.ToString(), StringComparison.Ordinal);
    }

    private static Parameter Parameter(Template template, string id) => Assert.Single(template.Parameters, p => p.LogicalId == id);

    internal static LaunchTemplateData LaunchData(Template template) => ((LaunchTemplate)template.FindResource("LaunchTemplate")!).LaunchTemplateData!;

    internal static string Text(Value<string> value) => Assert.IsType<Literal>(value.Expression).Value.ToString()!;

    internal static T LiteralOf<T>(Value<T> value) => value.TryGetLiteral(out var literal) ? literal : throw new InvalidOperationException($"{value} is not a literal {typeof(T).Name}.");

    internal static int Number(Value<int> value) => value.TryGetLiteral(out var number) ? number : throw new InvalidOperationException($"{value} is not a number.");
}
