using StackKit.Templates;
using StackKit.Templates.Intrinsics;

namespace StackKit.Resources.ElasticLoadBalancing;

/// <summary>A classic load balancer. (<c>AWS::ElasticLoadBalancing::LoadBalancer</c>)</summary>
public sealed class LoadBalancer : Resource
{
    /// <summary>The CloudFormation type.</summary>
    public const string TypeName = "AWS::ElasticLoadBalancing::LoadBalancer";

    /// <summary>A LoadBalancer with this logical id.</summary>
    public LoadBalancer(string logicalId)
        : base(logicalId, TypeName)
    {
    }

    /// <summary>The subnets it serves from.</summary>
    public ValueList<string>? Subnets { get => GetList<string>(); set => SetList(value); }

    /// <summary>Its security groups.</summary>
    public ValueList<string>? SecurityGroups { get => GetList<string>(); set => SetList(value); }

    /// <summary>Whether it spreads requests over instances in every zone.</summary>
    public Value<bool>? CrossZone { get => GetValue<bool>(); set => SetValue(value); }

    /// <summary>Lets in-flight requests finish on instances that are leaving (scale-in, replacement).</summary>
    public ConnectionDrainingPolicy? ConnectionDrainingPolicy { get => GetObject<ConnectionDrainingPolicy>(); set => SetObject(value); }

    /// <summary>The ports it listens on.</summary>
    public IReadOnlyList<Listener>? Listeners { get => GetObjects<Listener>(); set => SetObjects(value); }

    /// <summary>How it checks instances.</summary>
    public HealthCheck? HealthCheck { get => GetObject<HealthCheck>(); set => SetObject(value); }

    /// <summary>Tags on the resource.</summary>
    public IReadOnlyList<Tag>? Tags { get => GetObjects<Tag>(); set => SetObjects(value); }

    /// <summary>The DNS name clients use.</summary>
    public Value<string> DnsName => Fn.GetAtt<string>(this, "DNSName");

    /// <summary>The name, which CloudWatch's <c>AWS/ELB</c> metrics use as <c>LoadBalancerName</c> (its <c>Ref</c>).</summary>
    public Value<string> LoadBalancerName => Ref;
}
