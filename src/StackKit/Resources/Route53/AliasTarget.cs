using StackKit.Templates;

namespace StackKit.Resources.Route53;

/// <summary>What an alias record resolves to: an AWS resource's DNS name in its own hosted zone.</summary>
public sealed class AliasTarget : PropertyObject
{
    /// <summary>The target's DNS name, e.g. a load balancer's <c>DNSName</c>.</summary>
    public Value<string>? DNSName { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>The target's own hosted zone, e.g. a load balancer's <c>CanonicalHostedZoneID</c>.</summary>
    public Value<string>? HostedZoneId { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>Whether Route 53 answers only while the target is healthy.</summary>
    public Value<bool>? EvaluateTargetHealth { get => GetValue<bool>(); set => SetValue(value); }
}
