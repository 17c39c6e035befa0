using StackKit.HttpService;
using StackKit.Resources.DynamoDB;
using StackKit.Resources.Ec2;
using StackKit.Resources.Iam;
using StackKit.Templates;
using StackKit.Templates.Intrinsics;
using static StackKit.Tests.HttpService.HttpServiceTemplateTests;

namespace StackKit.Tests.HttpService;

/// <summary>The fleet key store in the template: what the switch adds, and how little the instances may do with it.</summary>
public sealed class KeyStoreTemplateTests
{
    private const string TableArn = "{\"Fn::GetAtt\":[\"KeyTable\",\"Arn\"]}";

    [Fact]
    public void By_default_the_stack_has_an_encrypted_on_demand_key_table_deleted_with_it_and_outputs_its_name()
    {
        var template = HttpServiceTemplate.Build();

        var table = Assert.IsType<Table>(template.FindResource("KeyTable"));
        Assert.Equal(BillingMode.PayPerRequest, LiteralOf(table.BillingMode!));
        Assert.True(table.SSESpecification!.SSEEnabled!.TryGetLiteral(out var encrypted) && encrypted);
        var key = Assert.Single(table.KeySchema!);
        Assert.Equal(("Fingerprint", KeyType.Hash), (Text(key.AttributeName!), LiteralOf(key.KeyType!)));
        var attribute = Assert.Single(table.AttributeDefinitions!);
        Assert.Equal(("Fingerprint", ScalarAttributeType.String), (Text(attribute.AttributeName!), LiteralOf(attribute.AttributeType!)));
        Assert.Equal((DeletionPolicy.Delete, DeletionPolicy.Delete), (table.DeletionPolicy, table.UpdateReplacePolicy));
        var output = Assert.Single(template.Outputs, o => o.LogicalId == HttpServiceNames.KeyTableOutput);
        Assert.Equal("{\"Ref\":\"KeyTable\"}", output.Value.Expression.ToString());
    }

    [Fact]
    public void The_instance_role_may_only_put_items_into_and_scan_the_key_table()
    {
        var template = HttpServiceTemplate.Build();

        var role = Assert.IsType<Role>(template.FindResource("InstanceRole"));
        Assert.Null(role.Properties["ManagedPolicyArns"]);
        Assert.Null(role.Properties["PermissionsBoundary"]);
        // Its other policy is the central logs' (ProductionTemplateTests).
        var policy = Assert.Single(role.Policies!, p => Text(p.PolicyName!) == "KeyTableAccess");
        var statement = Assert.Single(policy.PolicyDocument!.Statement!);
        Assert.Equal(Effect.Allow, LiteralOf(statement.Effect!));
        Assert.Equal(["dynamodb:PutItem", "dynamodb:Scan"], statement.Action!.Items!.Select(Text));
        Assert.Equal([TableArn], statement.Resource!.Items!.Select(r => r.Expression.ToString()));
        Assert.Null(statement.Properties["NotAction"]);
        Assert.Null(statement.Properties["NotResource"]);
        Assert.Null(statement.Properties["Condition"]);
        // Only EC2 may assume it.
        var trust = Assert.Single(role.AssumeRolePolicyDocument!.Statement!);
        Assert.Equal(["ec2.amazonaws.com"], trust.Principal!.Service!.Items!.Select(Text));
        Assert.Equal(["sts:AssumeRole"], trust.Action!.Items!.Select(Text));
        // No other IAM resource grants anything but the audit function's role (KeyAuditTemplateTests).
        Assert.Equal(["InstanceProfile", "InstanceRole", "KeyAuditRole"], template.Resources.Where(r => r.Type.StartsWith("AWS::IAM::", StringComparison.Ordinal)).Select(r => r.LogicalId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void With_key_approval_the_instance_role_may_put_only_items_without_an_approver_and_the_servers_are_told()
    {
        var template = HttpServiceTemplate.Build(new HttpServiceOptions { KeyApproval = true });

        var role = Assert.IsType<Role>(template.FindResource("InstanceRole"));
        var policy = Assert.Single(role.Policies!, p => Text(p.PolicyName!) == "KeyTableAccess");
        var statements = policy.PolicyDocument!.Statement!;
        Assert.Equal(2, statements.Count);
        var scan = statements[0];
        Assert.Equal(["dynamodb:Scan"], scan.Action!.Items!.Select(Text));
        Assert.Null(scan.Condition);
        var put = statements[1];
        Assert.Equal(Effect.Allow, LiteralOf(put.Effect!));
        Assert.Equal(["dynamodb:PutItem"], put.Action!.Items!.Select(Text));
        Assert.Equal([TableArn], put.Resource!.Items!.Select(r => r.Expression.ToString()));
        Assert.All(statements, statement => Assert.Equal([TableArn], statement.Resource!.Items!.Select(r => r.Expression.ToString())));
        Assert.Equal(
            "{\"ForAllValues:StringEquals\":{\"dynamodb:Attributes\":[\"Fingerprint\",\"KeyLine\",\"Type\",\"Comment\",\"AddedAt\",\"AddedBy\",\"ExpiresAt\",\"Lifetime\"]}}",
            put.Condition!.ToString());
        Assert.DoesNotContain("ApprovedBy", put.Condition!.ToString(), StringComparison.Ordinal);
        var envFile = Script(template).Split('\n').Where(l => l.EndsWith(">> /etc/stackkit/service.env", StringComparison.Ordinal)).ToList();
        Assert.Contains("echo 'KeyInjection__Fleet__KeyApproval=true' >> /etc/stackkit/service.env", envFile);
        Assert.Equal("true", Assert.Single(template.Outputs, o => o.LogicalId == HttpServiceNames.KeyApprovalOutput).Value.Expression.ToString());
        Assert.DoesNotContain("KeyApproval", Script(HttpServiceTemplate.Build()), StringComparison.Ordinal);
    }

    [Fact]
    public void Key_approval_needs_the_fleet_key_store()
    {
        var refused = Assert.Throws<ArgumentException>(() => HttpServiceTemplate.Build(new HttpServiceOptions { KeyApproval = true, FleetKeyStore = false }));

        Assert.Equal("KeyApproval", refused.ParamName);
        Assert.Contains("FleetKeyStore", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_instances_get_the_role_through_the_profile_and_a_metadata_hop_limit_of_2_for_the_container()
    {
        var template = HttpServiceTemplate.Build();

        var data = LaunchData(template);
        Assert.Equal("{\"Fn::GetAtt\":[\"InstanceProfile\",\"Arn\"]}", data.IamInstanceProfile!.Arn!.Expression.ToString());
        Assert.Equal(2, Number(data.MetadataOptions!.HttpPutResponseHopLimit!));
        Assert.Equal(HttpTokensState.Required, LiteralOf(data.MetadataOptions!.HttpTokens!));
        var profile = Assert.IsType<InstanceProfile>(template.FindResource("InstanceProfile"));
        Assert.Equal(["{\"Ref\":\"InstanceRole\"}"], profile.Roles!.Items!.Select(r => r.Expression.ToString()));
    }

    [Fact]
    public void The_container_gets_the_table_name_and_the_region_through_the_env_file_and_rotated_logs()
    {
        var lines = Script(HttpServiceTemplate.Build()).Split('\n');

        var envFile = lines.Where(l => l.EndsWith(">> /etc/stackkit/service.env", StringComparison.Ordinal)).ToList();
        Assert.Contains("echo 'KeyInjection__Fleet__TableName=${KeyTable}' >> /etc/stackkit/service.env", envFile);
        Assert.Contains("echo 'AWS_REGION=${AWS::Region}' >> /etc/stackkit/service.env", envFile);
        var dockerRun = DockerRun(lines);
        Assert.Contains("--env-file /etc/stackkit/service.env", dockerRun, StringComparison.Ordinal);
        Assert.DoesNotContain("KeyInjection", dockerRun, StringComparison.Ordinal);
        // With central logs (the default, on the key store's role) the local cache behind docker logs keeps json-file's bounds.
        Assert.Contains("--log-opt cache-max-size=10m --log-opt cache-max-file=5", dockerRun, StringComparison.Ordinal);
        Assert.True(
            Array.FindIndex(lines, l => l.Contains("KeyInjection__Fleet__TableName", StringComparison.Ordinal)) < Array.FindIndex(lines, l => l.StartsWith("docker run", StringComparison.Ordinal)),
            "the env file must be complete before the container starts");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Behind_the_load_balancer_the_server_takes_the_client_address_from_X_Forwarded_For(bool fleetKeyStore)
    {
        var template = HttpServiceTemplate.Build(new HttpServiceOptions { FleetKeyStore = fleetKeyStore });

        Assert.Contains("echo 'KeyInjection__TrustForwardedFor=true' >> /etc/stackkit/service.env", Script(template).Split('\n'));
        // Safe only because nothing but the load balancer reaches the instances' HTTP port.
        var rule = Assert.Single(((StackKit.Resources.Ec2.SecurityGroup)template.FindResource("InstanceSecurityGroup")!).SecurityGroupIngress!);
        Assert.Null(rule.CidrIp);
        Assert.Equal("{\"Fn::GetAtt\":[\"LoadBalancerSecurityGroup\",\"GroupId\"]}", rule.SourceSecurityGroupId!.Expression.ToString());
    }

    [Fact]
    public void Without_the_key_store_the_template_has_no_IAM_or_DynamoDB_resource_hop_limit_1_and_no_fleet_settings()
    {
        var template = HttpServiceTemplate.Build(new HttpServiceOptions { FleetKeyStore = false });

        Assert.DoesNotContain(template.Resources, r => r.Type.StartsWith("AWS::IAM::", StringComparison.Ordinal) || r.Type.StartsWith("AWS::DynamoDB::", StringComparison.Ordinal));
        Assert.Equal(["URL", HttpServiceNames.AutoScalingGroupOutput], template.Outputs.Select(o => o.LogicalId));
        var data = LaunchData(template);
        Assert.Null(data.IamInstanceProfile);
        Assert.Equal(1, Number(data.MetadataOptions!.HttpPutResponseHopLimit!));
        var script = Script(template);
        Assert.DoesNotContain("Fleet", script, StringComparison.Ordinal);
        Assert.DoesNotContain("AWS_REGION", script, StringComparison.Ordinal);
        // Log rotation does not depend on the key store.
        Assert.Contains("--log-opt max-size=10m --log-opt max-file=5", DockerRun(script.Split('\n')), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_key_store_the_template_is_the_default_one_less_the_store()
    {
        var with = HttpServiceTemplate.Build();
        var without = HttpServiceTemplate.Build(new HttpServiceOptions { FleetKeyStore = false });

        Assert.Equal(
            // Central logs need the instance role, and the audit trail the table: they go with them.
            with.Resources.Select(r => r.LogicalId).Except(["KeyTable", "InstanceRole", "InstanceProfile", "LogGroup", "KeyAuditLogGroup", "KeyAuditRole", "KeyAuditFunction", "KeyAuditEvents"]),
            without.Resources.Select(r => r.LogicalId));
        Assert.Equal(with.Parameters.Select(p => p.LogicalId).Except(["LogRetentionDays"]), without.Parameters.Select(p => p.LogicalId));
    }

    private static string Script(Template template) =>
        ((Literal)((Intrinsic)((Intrinsic)LaunchData(template).UserData!.Expression).Argument).Argument).Value.ToString()!;

    // The docker run command and its continuation lines.
    private static string DockerRun(string[] lines)
    {
        var start = Array.FindIndex(lines, l => l.StartsWith("docker run", StringComparison.Ordinal));
        var end = Array.FindIndex(lines, start, l => !l.EndsWith('\\'));
        return string.Join(' ', lines[start..(end + 1)]);
    }
}
