using StackKit.Templates;
using StackKit.Templates.Intrinsics;

namespace StackKit.Resources.ElasticLoadBalancingV2;

/// <summary>The instances a load balancer forwards to. (<c>AWS::ElasticLoadBalancingV2::TargetGroup</c>)</summary>
public sealed class TargetGroup : Resource
{
    /// <summary>The CloudFormation type.</summary>
    public const string TypeName = "AWS::ElasticLoadBalancingV2::TargetGroup";

    /// <summary>A TargetGroup with this logical id.</summary>
    public TargetGroup(string logicalId)
        : base(logicalId, TypeName)
    {
    }

    /// <summary>The instances' port.</summary>
    public Value<int>? Port { get => GetValue<int>(); set => SetValue(value); }

    /// <summary><c>HTTP</c> or <c>HTTPS</c>.</summary>
    public Value<Protocol>? Protocol { get => GetValue<Protocol>(); set => SetValue(value); }

    /// <summary>The VPC.</summary>
    public Value<string>? VpcId { get => GetValue<string>(); set => SetValue(value); }

    /// <summary><c>instance</c>, <c>ip</c> or <c>lambda</c>.</summary>
    public Value<TargetType>? TargetType { get => GetValue<TargetType>(); set => SetValue(value); }

    /// <summary>The path the health check requests.</summary>
    public Value<string>? HealthCheckPath { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>Seconds between health checks of a target (5 to 300).</summary>
    public Value<int>? HealthCheckIntervalSeconds { get => GetValue<int>(); set => SetValue(value); }

    /// <summary>Seconds without an answer that fail a health check.</summary>
    public Value<int>? HealthCheckTimeoutSeconds { get => GetValue<int>(); set => SetValue(value); }

    /// <summary>Consecutive passed checks that make a target healthy (2 to 10).</summary>
    public Value<int>? HealthyThresholdCount { get => GetValue<int>(); set => SetValue(value); }

    /// <summary>Consecutive failed checks that make a target unhealthy (2 to 10).</summary>
    public Value<int>? UnhealthyThresholdCount { get => GetValue<int>(); set => SetValue(value); }

    /// <summary>The HTTP codes a health check accepts.</summary>
    public Matcher? Matcher { get => GetObject<Matcher>(); set => SetObject(value); }

    /// <summary>Attributes such as the deregistration delay.</summary>
    public IReadOnlyList<TargetGroupAttribute>? TargetGroupAttributes { get => GetObjects<TargetGroupAttribute>(); set => SetObjects(value); }

    /// <summary>Tags on the resource.</summary>
    public IReadOnlyList<Tag>? Tags { get => GetObjects<Tag>(); set => SetObjects(value); }

    /// <summary>The <c>targetgroup/name/id</c> name CloudWatch's <c>AWS/ApplicationELB</c> metrics use as <c>TargetGroup</c>.</summary>
    public Value<string> TargetGroupFullName => Fn.GetAtt<string>(this, "TargetGroupFullName");

    /// <summary>The ARN (its <c>Ref</c>).</summary>
    public Value<string> TargetGroupArn => Ref;
}
