using StackKit.Templates;

namespace StackKit.Resources.ElasticLoadBalancingV2;

/// <summary>The kind of load balancer (<c>Type</c>).</summary>
/// <param name="Value">The string CloudFormation reads: one of the named values, or another string AWS accepts.</param>
public readonly record struct LoadBalancerType(string Value) : IStringValue
{
    /// <summary><c>application</c>: HTTP and HTTPS, routed by request.</summary>
    public static LoadBalancerType Application { get; } = new("application");

    /// <summary><c>network</c>: TCP, TLS and UDP.</summary>
    public static LoadBalancerType Network { get; } = new("network");

    /// <summary><c>gateway</c>: traffic through virtual appliances.</summary>
    public static LoadBalancerType Gateway { get; } = new("gateway");

    /// <summary>The string CloudFormation reads.</summary>
    public override string ToString() => Value ?? string.Empty;
}
