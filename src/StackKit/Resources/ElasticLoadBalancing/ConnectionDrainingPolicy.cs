using StackKit.Templates;

namespace StackKit.Resources.ElasticLoadBalancing;

/// <summary>Whether a classic load balancer lets in-flight requests finish on an instance that is leaving.</summary>
public sealed class ConnectionDrainingPolicy : PropertyObject
{
    /// <summary>True to drain connections.</summary>
    public Value<bool>? Enabled { get => GetValue<bool>(); set => SetValue(value); }

    /// <summary>The most seconds to wait for in-flight requests.</summary>
    public Value<int>? Timeout { get => GetValue<int>(); set => SetValue(value); }
}
