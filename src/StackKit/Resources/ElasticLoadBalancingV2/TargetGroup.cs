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

    /// <summary>Tags on the resource.</summary>
    public IReadOnlyList<Tag>? Tags { get => GetObjects<Tag>(); set => SetObjects(value); }

    /// <summary>The <c>targetgroup/name/id</c> name CloudWatch's <c>AWS/ApplicationELB</c> metrics use as <c>TargetGroup</c>.</summary>
    public Value<string> TargetGroupFullName => Fn.GetAtt<string>(this, "TargetGroupFullName");

    /// <summary>The ARN (its <c>Ref</c>).</summary>
    public Value<string> TargetGroupArn => Ref;
}
