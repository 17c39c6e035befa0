using System.Text.Json;
using StackKit.HttpService;
using StackKit.Templates;

namespace StackKit.Tests.HttpService;

/// <summary>
/// The production options in the generated template: HTTPS with its redirect and record, the allowed addresses, the
/// alarms' topic, target tracking, and central logs with the one policy they need. cfn-lint checks every variant
/// (<see cref="CfnLintTests"/>); these assert what each one must contain.
/// </summary>
public sealed class ProductionTemplateTests
{
    [Fact]
    public void A_certificate_gives_the_ALB_HTTPS_with_TLS_1_3_a_301_from_port_80_and_an_https_URL()
    {
        var template = Json(TemplateVariants.All["certificate"]);
        var resources = template.GetProperty("Resources");

        Assert.Equal("AWS::ElasticLoadBalancingV2::LoadBalancer", resources.GetProperty("LoadBalancer").GetProperty("Type").GetString());
        var https = resources.GetProperty("HttpsListener").GetProperty("Properties");
        Assert.Equal((443, "HTTPS", "ELBSecurityPolicy-TLS13-1-2-2021-06"), (https.GetProperty("Port").GetInt32(), https.GetProperty("Protocol").GetString(), https.GetProperty("SslPolicy").GetString()));
        Assert.Equal(TemplateVariants.Certificate, https.GetProperty("Certificates")[0].GetProperty("CertificateArn").GetString());
        Assert.Equal("forward", https.GetProperty("DefaultActions")[0].GetProperty("Type").GetString());
        var http = resources.GetProperty("Listener").GetProperty("Properties");
        var redirect = Assert.Single(http.GetProperty("DefaultActions").EnumerateArray());
        Assert.Equal("redirect", redirect.GetProperty("Type").GetString());
        Assert.Equal("""{"Protocol":"HTTPS","Port":"443","StatusCode":"HTTP_301"}""", Compact(redirect.GetProperty("RedirectConfig")));
        Assert.Equal(
            [("tcp", 80, "0.0.0.0/0"), ("tcp", 443, "0.0.0.0/0")],
            Ingress(resources, "LoadBalancerSecurityGroup").Select(r => (r.GetProperty("IpProtocol").GetString(), r.GetProperty("FromPort").GetInt32(), r.GetProperty("CidrIp").GetString())));
        // The instances still take traffic from the load balancer only.
        Assert.Equal("LoadBalancerSecurityGroup", Assert.Single(Ingress(resources, "InstanceSecurityGroup")).GetProperty("SourceSecurityGroupId").GetProperty("Fn::GetAtt")[0].GetString());
        Assert.StartsWith("https://${DnsName}", template.GetProperty("Outputs").GetProperty("URL").GetProperty("Value").GetProperty("Fn::Sub")[0].GetString(), StringComparison.Ordinal);
        Assert.False(resources.TryGetProperty("DnsRecord", out _));
    }

    [Fact]
    public void A_domain_adds_the_alias_record_and_becomes_the_URL()
    {
        var template = Json(TemplateVariants.All["certificate-and-domain"]);

        var record = template.GetProperty("Resources").GetProperty("DnsRecord");
        Assert.Equal("AWS::Route53::RecordSet", record.GetProperty("Type").GetString());
        var properties = record.GetProperty("Properties");
        Assert.Equal(("Z0123456789ABCDEFGHIJ", "api.example.com", "A"), (properties.GetProperty("HostedZoneId").GetString(), properties.GetProperty("Name").GetString(), properties.GetProperty("Type").GetString()));
        Assert.Equal("""{"DNSName":{"Fn::GetAtt":["LoadBalancer","DNSName"]},"HostedZoneId":{"Fn::GetAtt":["LoadBalancer","CanonicalHostedZoneID"]},"EvaluateTargetHealth":true}""",
            Compact(properties.GetProperty("AliasTarget")));
        Assert.Equal("https://api.example.com", template.GetProperty("Outputs").GetProperty("URL").GetProperty("Value").GetString());
    }

    [Fact]
    public void Allowed_CIDRs_are_the_only_addresses_the_load_balancer_takes()
    {
        var resources = Json(TemplateVariants.All["allowed-cidrs"]).GetProperty("Resources");

        Assert.Equal(["203.0.113.0/24", "198.51.100.7/32"], Ingress(resources, "LoadBalancerSecurityGroup").Select(r => r.GetProperty("CidrIp").GetString()));
        Assert.DoesNotContain("0.0.0.0/0", Compact(resources.GetProperty("LoadBalancerSecurityGroup")), StringComparison.Ordinal);
    }

    [Fact]
    public void An_email_gets_a_topic_its_subscription_and_the_three_notices_and_no_email_none()
    {
        var resources = Json(TemplateVariants.All["notification-email"]).GetProperty("Resources");

        var subscription = resources.GetProperty("AlarmEmail").GetProperty("Properties");
        Assert.Equal(("email", "ops@example.com"), (subscription.GetProperty("Protocol").GetString(), subscription.GetProperty("Endpoint").GetString()));
        var unhealthy = resources.GetProperty("UnhealthyHostsAlarm").GetProperty("Properties");
        Assert.Equal(("UnHealthyHostCount", "Minimum", 60, 10, 10), (unhealthy.GetProperty("MetricName").GetString(), unhealthy.GetProperty("Statistic").GetString(),
            unhealthy.GetProperty("Period").GetInt32(), unhealthy.GetProperty("EvaluationPeriods").GetInt32(), unhealthy.GetProperty("DatapointsToAlarm").GetInt32()));
        Assert.Equal("AlarmTopic", unhealthy.GetProperty("AlarmActions")[0].GetProperty("Ref").GetString());
        var errors = resources.GetProperty("Backend5xxAlarm").GetProperty("Properties");
        Assert.Equal(("HTTPCode_Backend_5XX", "Backend5xxThreshold"), (errors.GetProperty("MetricName").GetString(), errors.GetProperty("Threshold").GetProperty("Ref").GetString()));
        var notice = Assert.Single(resources.GetProperty("AutoScalingGroup").GetProperty("Properties").GetProperty("NotificationConfigurations").EnumerateArray());
        Assert.Equal("autoscaling:EC2_INSTANCE_LAUNCH_ERROR", notice.GetProperty("NotificationTypes")[0].GetString());
        // The scaling alarms keep their rule.
        Assert.Equal(Compact(Json(new HttpServiceOptions()).GetProperty("Resources").GetProperty("HighRequestsAlarm")), Compact(resources.GetProperty("HighRequestsAlarm")));
        var application = Json(TemplateVariants.All["notification-email-application"]).GetProperty("Resources");
        Assert.Equal("HTTPCode_Target_5XX_Count", application.GetProperty("Backend5xxAlarm").GetProperty("Properties").GetProperty("MetricName").GetString());
        Assert.Equal(["TargetGroup", "LoadBalancer"], application.GetProperty("UnhealthyHostsAlarm").GetProperty("Properties").GetProperty("Dimensions").EnumerateArray().Select(d => d.GetProperty("Name").GetString()));

        var plain = HttpServiceTemplate.Build(TemplateVariants.All["no-rollback-alarms"]);
        Assert.DoesNotContain(plain.Resources, r => r.Type is "AWS::SNS::Topic" or "AWS::SNS::Subscription");
        Assert.Equal(["HighRequestsAlarm", "LowRequestsAlarm"], plain.Resources.Where(r => r.Type == "AWS::CloudWatch::Alarm").Select(r => r.LogicalId));
    }

    [Fact]
    public void Without_an_email_the_health_alarms_are_there_as_rollback_triggers_and_notify_no_one()
    {
        var template = HttpServiceTemplate.Build();

        var alarms = template.Resources.Where(r => r.Type == "AWS::CloudWatch::Alarm").Select(r => r.LogicalId).ToList();
        Assert.Equal(["HighRequestsAlarm", "LowRequestsAlarm", "UnhealthyHostsAlarm", "Backend5xxAlarm"], alarms.OrderBy(a => a.Contains("Requests", StringComparison.Ordinal) ? 0 : 1));
        Assert.DoesNotContain(template.Resources, r => r.Type is "AWS::SNS::Topic" or "AWS::SNS::Subscription");
        var resources = Json(new HttpServiceOptions()).GetProperty("Resources");
        Assert.False(resources.GetProperty("Backend5xxAlarm").GetProperty("Properties").TryGetProperty("AlarmActions", out _));
        // Missing data (no requests, no servers registered yet) never breaches: an idle service is not rolled back.
        Assert.Equal("notBreaching", resources.GetProperty("UnhealthyHostsAlarm").GetProperty("Properties").GetProperty("TreatMissingData").GetString());
        Assert.False(resources.GetProperty("AutoScalingGroup").GetProperty("Properties").TryGetProperty("NotificationConfigurations", out _));
    }

    [Fact]
    public void CPU_scaling_adds_target_tracking_that_only_adds_servers_beside_the_request_rule_and_requests_per_server_with_an_ALB()
    {
        var classic = Json(TemplateVariants.All["cpu-scaling"]).GetProperty("Resources");
        var application = Json(TemplateVariants.All["cpu-scaling-application"]).GetProperty("Resources");

        var cpu = classic.GetProperty("CpuTargetPolicy").GetProperty("Properties");
        Assert.Equal("TargetTrackingScaling", cpu.GetProperty("PolicyType").GetString());
        Assert.Equal("""{"PredefinedMetricSpecification":{"PredefinedMetricType":"ASGAverageCPUUtilization"},"TargetValue":{"Ref":"CpuTargetPercent"},"DisableScaleIn":true}""", Compact(cpu.GetProperty("TargetTrackingConfiguration")));
        Assert.True(classic.TryGetProperty("ScaleOutPolicy", out _) && classic.TryGetProperty("LowRequestsAlarm", out _));
        Assert.False(classic.TryGetProperty("RequestsTargetPolicy", out _));
        var requests = application.GetProperty("RequestsTargetPolicy").GetProperty("Properties").GetProperty("TargetTrackingConfiguration");
        Assert.Equal("ALBRequestCountPerTarget", requests.GetProperty("PredefinedMetricSpecification").GetProperty("PredefinedMetricType").GetString());
        Assert.True(requests.GetProperty("DisableScaleIn").GetBoolean());
        // Its metric exists only once the target group is the load balancer's, which takes a listener forwarding to it.
        Assert.Equal("\"Listener\"", Compact(application.GetProperty("RequestsTargetPolicy").GetProperty("DependsOn")));
        Assert.Equal("50", HttpServiceTemplate.Build(TemplateVariants.All["cpu-scaling"]).Parameters.Single(p => p.LogicalId == "CpuTargetPercent").Default);
    }

    [Theory]
    [InlineData("cpu-scaling", "CpuTargetPercent", """{"Min":1,"Max":100}""")]
    [InlineData("cpu-scaling-application", "RequestsPerServerTarget", """{"Min":1,"Max":null}""")]
    [InlineData("notification-email", "Backend5xxThreshold", """{"Min":1,"Max":null}""")]
    public void The_tuning_numbers_have_bounds_CloudFormation_enforces(string variant, string parameter, string bounds)
    {
        var body = Json(TemplateVariants.All[variant]).GetProperty("Parameters").GetProperty(parameter);

        int? Bound(string name) => body.TryGetProperty(name, out var value) ? value.GetInt32() : null;
        Assert.Equal(bounds, JsonSerializer.Serialize(new { Min = Bound("MinValue"), Max = Bound("MaxValue") }));
    }

    [Fact]
    public void Central_logs_write_to_the_stack_s_group_only_and_need_the_instance_role()
    {
        var resources = Json(new HttpServiceOptions()).GetProperty("Resources");

        Assert.Equal("LogRetentionDays", resources.GetProperty("LogGroup").GetProperty("Properties").GetProperty("RetentionInDays").GetProperty("Ref").GetString());
        var policy = resources.GetProperty("InstanceRole").GetProperty("Properties").GetProperty("Policies").EnumerateArray().Single(p => p.GetProperty("PolicyName").GetString() == "LogGroupWrite");
        var statement = Assert.Single(policy.GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray());
        Assert.Equal(["logs:CreateLogStream", "logs:PutLogEvents"], statement.GetProperty("Action").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("""[{"Fn::GetAtt":["LogGroup","Arn"]}]""", Compact(statement.GetProperty("Resource")));
        Assert.Equal("14", HttpServiceTemplate.Build().Parameters.Single(p => p.LogicalId == "LogRetentionDays").Default);
        var userData = TemplateWriter.ToJson(HttpServiceTemplate.Build());
        Assert.Contains("--log-driver awslogs", userData, StringComparison.Ordinal);
        Assert.Contains("awslogs-stream=\\\"$instance_id\\\"", userData, StringComparison.Ordinal);
        Assert.Contains("cache-max-size=10m --log-opt cache-max-file=5", userData, StringComparison.Ordinal);

        foreach (var without in new[] { new HttpServiceOptions { FleetKeyStore = false }, new HttpServiceOptions { CentralLogs = false } })
        {
            var built = HttpServiceTemplate.Build(without);
            Assert.Null(built.FindResource("LogGroup"));
            Assert.Contains("--log-driver json-file --log-opt max-size=10m --log-opt max-file=5", TemplateWriter.ToJson(built), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("CertificateArn", "arn:aws:iam::123456789012:server-certificate/x", null, null, null, null)]
    [InlineData("DomainName", null, "api.example.com", "Z0123456789ABCDEFGHIJ", null, null)]
    [InlineData("DomainName", TemplateVariants.Certificate, "api.example.com", null, null, null)]
    [InlineData("HostedZoneId", TemplateVariants.Certificate, "api.example.com", "zone", null, null)]
    [InlineData("AllowedCidrs", null, null, null, "10.0.0.0/33", null)]
    [InlineData("NotificationEmail", null, null, null, null, "ops at example.com")]
    public void A_bad_production_option_is_named(string option, string? certificate, string? domain, string? zone, string? cidr, string? email)
    {
        var options = new HttpServiceOptions { CertificateArn = certificate, DomainName = domain, HostedZoneId = zone, NotificationEmail = email };
        if (cidr is not null)
        {
            options.AllowedCidrs = [cidr];
        }

        var error = Assert.Throws<ArgumentException>(() => HttpServiceTemplate.Build(options));

        Assert.Equal(option, error.ParamName);
    }

    private static string Compact(JsonElement element) => JsonSerializer.Serialize(element);

    private static JsonElement Json(HttpServiceOptions options) =>
        JsonDocument.Parse(TemplateWriter.ToJson(HttpServiceTemplate.Build(options))).RootElement.Clone();

    private static JsonElement.ArrayEnumerator Ingress(JsonElement resources, string group) =>
        resources.GetProperty(group).GetProperty("Properties").GetProperty("SecurityGroupIngress").EnumerateArray();
}
