using StackKit.Templates;

namespace StackKit.Resources.ElasticLoadBalancing;

/// <summary>How a classic load balancer checks instances.</summary>
public sealed class HealthCheck : PropertyObject
{
    /// <summary>What to check, e.g. <c>HTTP:80/</c>.</summary>
    public Value<string>? Target { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>Successes in a row before an instance is healthy.</summary>
    public Value<int>? HealthyThreshold { get => GetValue<int>(); set => SetAsString(value); }

    /// <summary>Failures in a row before an instance is unhealthy.</summary>
    public Value<int>? UnhealthyThreshold { get => GetValue<int>(); set => SetAsString(value); }

    /// <summary>Seconds between checks.</summary>
    public Value<int>? Interval { get => GetValue<int>(); set => SetAsString(value); }

    /// <summary>Seconds to wait for an answer.</summary>
    public Value<int>? Timeout { get => GetValue<int>(); set => SetAsString(value); }
}
