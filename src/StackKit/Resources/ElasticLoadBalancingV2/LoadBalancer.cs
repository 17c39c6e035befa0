using StackKit.Templates;
using StackKit.Templates.Intrinsics;

namespace StackKit.Resources.ElasticLoadBalancingV2;

/// <summary>An application (or network) load balancer. (<c>AWS::ElasticLoadBalancingV2::LoadBalancer</c>)</summary>
public sealed class LoadBalancer : Resource
{
    /// <summary>The CloudFormation type.</summary>
    public const string TypeName = "AWS::ElasticLoadBalancingV2::LoadBalancer";

    /// <summary>A LoadBalancer with this logical id.</summary>
    public LoadBalancer(string logicalId)
        : base(logicalId, TypeName)
    {
    }

    /// <summary><c>application</c> or <c>network</c>.</summary>
    public Value<LoadBalancerType>? LoadBalancerType { get => GetValue<LoadBalancerType>("Type"); set => SetValue(value, "Type"); }

    /// <summary><c>internet-facing</c> or <c>internal</c>.</summary>
    public Value<LoadBalancerScheme>? Scheme { get => GetValue<LoadBalancerScheme>(); set => SetValue(value); }

    /// <summary>The subnets it serves from.</summary>
    public ValueList<string>? Subnets { get => GetList<string>(); set => SetList(value); }

    /// <summary>Its security groups.</summary>
    public ValueList<string>? SecurityGroups { get => GetList<string>(); set => SetList(value); }

    /// <summary>Attributes such as dropping invalid header fields.</summary>
    public IReadOnlyList<LoadBalancerAttribute>? LoadBalancerAttributes { get => GetObjects<LoadBalancerAttribute>(); set => SetObjects(value); }

    /// <summary>Tags on the resource.</summary>
    public IReadOnlyList<Tag>? Tags { get => GetObjects<Tag>(); set => SetObjects(value); }

    /// <summary>The DNS name clients use.</summary>
    public Value<string> DnsName => Fn.GetAtt<string>(this, "DNSName");

    /// <summary>The <c>app/name/id</c> name CloudWatch's <c>AWS/ApplicationELB</c> metrics use as <c>LoadBalancer</c>.</summary>
    public Value<string> LoadBalancerFullName => Fn.GetAtt<string>(this, "LoadBalancerFullName");

    /// <summary>The load balancer's own hosted zone, which a Route 53 alias record names.</summary>
    public Value<string> CanonicalHostedZoneId => Fn.GetAtt<string>(this, "CanonicalHostedZoneID");

    /// <summary>The ARN (its <c>Ref</c>).</summary>
    public Value<string> LoadBalancerArn => Ref;
}
