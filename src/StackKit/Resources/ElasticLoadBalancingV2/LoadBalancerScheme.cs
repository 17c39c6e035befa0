using StackKit.Templates;

namespace StackKit.Resources.ElasticLoadBalancingV2;

/// <summary>Who can reach a load balancer (<c>Scheme</c>).</summary>
/// <param name="Value">The string CloudFormation reads: one of the named values, or another string AWS accepts.</param>
public readonly record struct LoadBalancerScheme(string Value) : IStringValue
{
    /// <summary><c>internet-facing</c>: the internet (public addresses).</summary>
    public static LoadBalancerScheme InternetFacing { get; } = new("internet-facing");

    /// <summary><c>internal</c>: its VPC only (private addresses).</summary>
    public static LoadBalancerScheme Internal { get; } = new("internal");

    /// <summary>The string CloudFormation reads.</summary>
    public override string ToString() => Value ?? string.Empty;
}
