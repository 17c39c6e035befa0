using System.Text.Json;
using StackKit.HttpService;
using StackKit.Templates;

namespace StackKit.Tests.HttpService;

/// <summary>
/// What real AWS does with the template that moto lets through (issue 19; docs/templates.md names the AWS pages): health
/// checks and draining set for this service on both load balancers, the group's warm-up, its ordering after the
/// subnets' route tables, standard CPU credits on burstable types, and the ALB's handling of invalid header fields.
/// </summary>
public sealed class RealAwsTemplateTests
{
    public static TheoryData<string> Variants => TemplateVariants.Names;

    [Fact]
    public void The_classic_load_balancer_checks_every_5_seconds_and_drains_for_15()
    {
        var loadBalancer = Resource(new HttpServiceOptions(), "LoadBalancer");

        Assert.Equal("""{"Target":"HTTP:80/","HealthyThreshold":"2","UnhealthyThreshold":"3","Interval":"5","Timeout":"4"}""", Compact(loadBalancer.GetProperty("HealthCheck")));
        Assert.Equal("""{"Enabled":true,"Timeout":15}""", Compact(loadBalancer.GetProperty("ConnectionDrainingPolicy")));
    }

    [Fact]
    public void The_target_group_checks_every_5_seconds_and_drains_for_15_and_the_ALB_drops_invalid_header_fields()
    {
        var options = new HttpServiceOptions { LoadBalancer = LoadBalancerKind.Application };
        var targetGroup = Resource(options, "TargetGroup");

        Assert.Equal((5, 4, 2, 3, "200"), (
            targetGroup.GetProperty("HealthCheckIntervalSeconds").GetInt32(),
            targetGroup.GetProperty("HealthCheckTimeoutSeconds").GetInt32(),
            targetGroup.GetProperty("HealthyThresholdCount").GetInt32(),
            targetGroup.GetProperty("UnhealthyThresholdCount").GetInt32(),
            targetGroup.GetProperty("Matcher").GetProperty("HttpCode").GetString()));
        Assert.Equal("""[{"Key":"deregistration_delay.timeout_seconds","Value":"15"}]""", Compact(targetGroup.GetProperty("TargetGroupAttributes")));
        Assert.Equal("""[{"Key":"routing.http.drop_invalid_header_fields.enabled","Value":"true"}]""", Compact(Resource(options, "LoadBalancer").GetProperty("LoadBalancerAttributes")));
    }

    [Fact]
    public void The_warm_up_is_0_for_the_request_rule_and_the_boot_time_with_CPU_scaling_which_also_gets_one_minute_metrics()
    {
        var plain = Resource(new HttpServiceOptions(), "AutoScalingGroup");
        var cpu = Resource(new HttpServiceOptions { CpuScaling = true }, "AutoScalingGroup");
        var cpuLaunch = Resource(new HttpServiceOptions { CpuScaling = true }, "LaunchTemplate").GetProperty("LaunchTemplateData");

        Assert.Equal(0, plain.GetProperty("DefaultInstanceWarmup").GetInt32());
        Assert.False(plain.TryGetProperty("MetricsCollection", out _));
        Assert.False(Resource(new HttpServiceOptions(), "LaunchTemplate").GetProperty("LaunchTemplateData").TryGetProperty("Monitoring", out _));
        Assert.Equal(HttpServiceTemplate.BootWarmupSeconds, cpu.GetProperty("DefaultInstanceWarmup").GetInt32());
        Assert.Equal("""[{"Granularity":"1Minute","Metrics":["GroupInServiceInstances"]}]""", Compact(cpu.GetProperty("MetricsCollection")));
        Assert.True(cpuLaunch.GetProperty("Monitoring").GetProperty("Enabled").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void The_group_waits_for_the_internet_route_and_both_subnets_route_table_associations(string variant)
    {
        var group = Template(TemplateVariants.All[variant]).GetProperty("Resources").GetProperty("AutoScalingGroup");

        Assert.Equal(["PublicRoute", "PublicSubnet1RouteTableAssociation", "PublicSubnet2RouteTableAssociation"], group.GetProperty("DependsOn").EnumerateArray().Select(d => d.GetString()));
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Burstable_instance_types_launch_with_standard_credits_and_others_with_no_credit_option(string variant)
    {
        var template = Template(TemplateVariants.All[variant]);

        Assert.Equal(
            """{"Fn::If":["IsBurstable",{"CpuCredits":"standard"},{"Ref":"AWS::NoValue"}]}""",
            Compact(template.GetProperty("Resources").GetProperty("LaunchTemplate").GetProperty("Properties").GetProperty("LaunchTemplateData").GetProperty("CreditSpecification")));
        var families = template.GetProperty("Conditions").GetProperty("IsBurstable").GetProperty("Fn::Or").EnumerateArray()
            .Select(equals => equals.GetProperty("Fn::Equals")[1].GetString()).ToList();
        Assert.Equal(["t2", "t3", "t3a", "t4g"], families);
        Assert.Equal(
            """{"Fn::Select":[0,{"Fn::Split":[".",{"Ref":"InstanceType"}]}]}""",
            Compact(template.GetProperty("Conditions").GetProperty("IsBurstable").GetProperty("Fn::Or")[0].GetProperty("Fn::Equals")[0]));
    }

    private static JsonElement Resource(HttpServiceOptions options, string logicalId) =>
        Template(options).GetProperty("Resources").GetProperty(logicalId).GetProperty("Properties");

    private static JsonElement Template(HttpServiceOptions options) => JsonDocument.Parse(TemplateWriter.ToJson(HttpServiceTemplate.Build(options))).RootElement.Clone();

    private static string Compact(JsonElement element) => JsonSerializer.Serialize(element);
}
