using StackKit.Resources.AutoScaling;
using StackKit.Resources.CloudWatch;
using StackKit.Resources.Ec2;
using StackKit.Resources.ElasticLoadBalancing;
using StackKit.Templates;
using StackKit.Templates.Intrinsics;

namespace StackKit.Tests.Templates;

/// <summary>Conditions and dependencies as objects, durations as TimeSpan, AWS's string sets as struct enums, literals in the schema's type.</summary>
public sealed class TypedModelTests
{
    [Fact]
    public void Numbers_the_schema_declares_strings_are_written_as_strings_and_still_read_as_numbers()
    {
        var template = new Template();
        var group = template.Add(new AutoScalingGroup("Group") { MinSize = 1, MaxSize = 5, HealthCheckGracePeriod = 300 });
        template.Add(new LoadBalancer("Front") { Listeners = [new Listener { LoadBalancerPort = 80, InstancePort = 8080, Protocol = Protocol.Http }] });

        var json = TemplateWriter.ToJson(template);
        var yaml = TemplateWriter.ToYaml(template);

        Assert.Contains("\"MinSize\": \"1\"", json, StringComparison.Ordinal);
        Assert.Contains("\"LoadBalancerPort\": \"80\"", json, StringComparison.Ordinal);
        Assert.Contains("\"HealthCheckGracePeriod\": 300", json, StringComparison.Ordinal); // the schema says integer
        Assert.Contains("MaxSize: '5'", yaml, StringComparison.Ordinal);
        Assert.True(group.MinSize!.TryGetLiteral(out var min) && min == 1);
        var parsed = Assert.IsType<AutoScalingGroup>(TemplateReader.Parse(yaml).FindResource("Group"));
        Assert.True(parsed.MaxSize!.TryGetLiteral(out var max) && max == 5);
    }

    [Fact]
    public void A_number_from_an_intrinsic_is_written_as_the_intrinsic()
    {
        var size = new Parameter("Size", ParameterTypes.Number);
        var group = new AutoScalingGroup("Group") { MaxSize = Fn.RefTo<int>(size.LogicalId) };

        Assert.Equal("{\"Ref\":\"Size\"}", group.Properties["MaxSize"]!.ToString());
    }

    [Theory]
    [InlineData(15 * 60, "PT15M")]
    [InlineData(90 * 60, "PT1H30M")]
    [InlineData(12 * 3600, "PT12H")]
    [InlineData(3661, "PT1H1M1S")]
    [InlineData(45, "PT45S")]
    [InlineData(0, "PT0S")]
    public void Durations_are_written_as_ISO_8601_and_read_back_as_the_same_TimeSpan(int seconds, string expected)
    {
        var duration = TimeSpan.FromSeconds(seconds);
        var signal = new ResourceSignal { Count = 1, Timeout = duration };

        Assert.Equal(expected, Assert.IsType<Literal>(signal.Properties["Timeout"]).Value);
        Assert.True(signal.Timeout!.TryGetLiteral(out var read));
        Assert.Equal(duration, read);
    }

    [Fact]
    public void A_duration_CloudFormation_cannot_read_is_refused_when_set()
    {
        var error = Assert.Throws<ArgumentException>(() => new AutoScalingRollingUpdate { PauseTime = TimeSpan.FromMilliseconds(1500) });

        Assert.Contains("whole seconds", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new AutoScalingRollingUpdate { PauseTime = TimeSpan.FromMinutes(-1) });
    }

    [Fact]
    public void A_parsed_duration_reads_as_TimeSpan_and_text_that_is_none_does_not()
    {
        const string Yaml = """
            Resources:
              Group:
                Type: AWS::AutoScaling::AutoScalingGroup
                Properties: { MinSize: '1', MaxSize: '2' }
                CreationPolicy: { ResourceSignal: { Timeout: PT20M } }
                UpdatePolicy: { AutoScalingRollingUpdate: { PauseTime: soon } }
            """;

        var group = TemplateReader.Parse(Yaml).FindResource("Group")!;

        Assert.True(group.CreationPolicy!.ResourceSignal!.Timeout!.TryGetLiteral(out var timeout));
        Assert.Equal(TimeSpan.FromMinutes(20), timeout);
        Assert.False(group.UpdatePolicy!.AutoScalingRollingUpdate!.PauseTime!.TryGetLiteral(out _));
    }

    [Fact]
    public void Struct_enums_write_their_string_compare_by_value_and_read_back_typed()
    {
        var alarm = new Alarm("High") { ComparisonOperator = ComparisonOperator.GreaterThanThreshold, TreatMissingData = TreatMissingData.NotBreaching, Statistic = Statistic.Sum };

        Assert.Equal("notBreaching", Assert.IsType<Literal>(alarm.Properties["TreatMissingData"]).Value);
        Assert.Equal("GreaterThanThreshold", ComparisonOperator.GreaterThanThreshold.ToString());
        Assert.True(new ComparisonOperator("GreaterThanThreshold") == ComparisonOperator.GreaterThanThreshold);
        Assert.NotEqual(TreatMissingData.Breaching, new TreatMissingData("Breaching")); // AWS's strings are case-sensitive
        Assert.True(alarm.ComparisonOperator!.TryGetLiteral(out var comparison));
        Assert.Equal(ComparisonOperator.GreaterThanThreshold, comparison);
        Assert.Equal("-1", IpProtocol.All.Value);
    }

    [Fact]
    public void A_value_AWS_adds_later_can_be_written_and_a_default_struct_enum_is_refused_with_a_reason()
    {
        var policy = new ScalingPolicy("Policy") { PolicyType = new PolicyType("FutureScaling") };

        Assert.Equal("FutureScaling", policy.Properties["PolicyType"]!.ToString());
        var error = Assert.Throws<ArgumentException>(() => new ScalingPolicy("Other") { AdjustmentType = default(AdjustmentType) });
        Assert.Contains("use one of its named values", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Conditions_and_DependsOn_are_objects_and_write_as_their_logical_ids()
    {
        var template = new Template();
        var production = template.Add(new Condition("IsProduction", Fn.Equals(Pseudo.StackName, "prod")));
        var gateway = template.Add(new InternetGateway("Gateway") { Condition = production });
        var vpc = template.Add(new Vpc("Vpc") { CidrBlock = "10.0.0.0/16" });
        var attachment = template.Add(new VpcGatewayAttachment("Attachment") { VpcId = vpc.VpcId, InternetGatewayId = Fn.If(production, gateway.Ref, Pseudo.NoValue<string>()) });
        attachment.DependsOn.Add(gateway);
        attachment.DependsOn.Add(vpc);
        template.Add(new Output("GatewayId", gateway.Ref) { Condition = production });

        var parsed = TemplateReader.Parse(TemplateWriter.ToYaml(template));

        var json = TemplateWriter.ToJson(template);
        Assert.Contains("\"Condition\": \"IsProduction\"", json, StringComparison.Ordinal);
        Assert.Contains("\"DependsOn\": [\n        \"Gateway\",\n        \"Vpc\"\n      ]", json, StringComparison.Ordinal);
        Assert.Equal(json, TemplateWriter.ToJson(parsed));
        var condition = Assert.Single(parsed.Conditions);
        Assert.Same(condition, parsed.FindResource("Gateway")!.Condition);
        Assert.Same(condition, Assert.Single(parsed.Outputs).Condition);
        Assert.Equal([parsed.FindResource("Gateway")!, parsed.FindResource("Vpc")!], parsed.FindResource("Attachment")!.DependsOn);
    }

    [Fact]
    public void A_condition_that_was_never_added_is_named_and_nothing_is_written()
    {
        var template = new Template();
        var forgotten = new Condition("IsProduction", Fn.Equals(Pseudo.StackName, "prod"));
        template.Add(new InternetGateway("Gateway") { Condition = forgotten });
        template.Add(new Output("GatewayId", Pseudo.Region) { Condition = forgotten });

        var error = Assert.Throws<InvalidTemplateException>(() => TemplateWriter.ToJson(template));

        Assert.Equal(
            [
                "Resource 'Gateway' has Condition 'IsProduction', which is not a condition of this template.",
                "Output 'GatewayId' has Condition 'IsProduction', which is not a condition of this template.",
            ],
            error.Problems);
    }

    [Fact]
    public void A_parsed_template_naming_a_missing_condition_or_dependency_gets_every_name_in_one_error()
    {
        const string Yaml = """
            Resources:
              Gateway:
                Type: AWS::EC2::InternetGateway
                Condition: Nowhere
                DependsOn: [Vpc, Ghost]
              Vpc:
                Type: AWS::EC2::VPC
                Properties: { CidrBlock: 10.0.0.0/16 }
            """;

        var error = Assert.Throws<InvalidTemplateException>(() => TemplateReader.Parse(Yaml));

        Assert.Equal(
            [
                "Resource 'Gateway' has Condition 'Nowhere', which is not a condition of this template.",
                "Resource 'Gateway' depends on 'Ghost', which is not a resource of this template.",
            ],
            error.Problems);
    }
}
