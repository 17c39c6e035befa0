namespace StackKit;

/// <summary>
/// How healthy a health check finds an instance, in one vocabulary whoever checks: Auto Scaling (Healthy/Unhealthy), a
/// Classic ELB (InService/OutOfService/Unknown) or an ALB target group (healthy, unhealthy, initial, draining, unused,
/// unavailable) all map to these values; <see cref="InstanceHealth.LoadBalancerReason"/> keeps the checker's detail.
/// </summary>
public readonly struct InstanceHealthState : IEquatable<InstanceHealthState>
{
    private readonly string? _value;

    private InstanceHealthState(string value) => _value = value;

    /// <summary>Passes the check: the load balancer sends it traffic.</summary>
    public static InstanceHealthState Healthy { get; } = new("Healthy");

    /// <summary>Fails the check: no traffic.</summary>
    public static InstanceHealthState Unhealthy { get; } = new("Unhealthy");

    /// <summary>Registered, not yet checked enough times to pass (ALB <c>initial</c>).</summary>
    public static InstanceHealthState Initializing { get; } = new("Initializing");

    /// <summary>Being deregistered: finishing its requests, taking no new ones (ALB <c>draining</c>).</summary>
    public static InstanceHealthState Draining { get; } = new("Draining");

    /// <summary>Not in use by the load balancer (ALB <c>unused</c>: no listener, or its zone is not enabled).</summary>
    public static InstanceHealthState Unused { get; } = new("Unused");

    /// <summary>The checker cannot tell (Classic ELB <c>Unknown</c>, ALB <c>unavailable</c>, or a state StackKit does not know).</summary>
    public static InstanceHealthState Unknown { get; } = new("Unknown");

    /// <summary>The state's name.</summary>
    public string Value => _value ?? "Unknown";

    /// <summary>Whether the instance passes the check.</summary>
    public bool IsHealthy => Value == "Healthy";

    /// <summary>The state for what Auto Scaling, a Classic ELB or an ALB sends.</summary>
    public static InstanceHealthState FromReported(string? reported) => reported switch
    {
        "Healthy" or "healthy" or "InService" => Healthy,
        "Unhealthy" or "unhealthy" or "OutOfService" => Unhealthy,
        "initial" => Initializing,
        "draining" or "unhealthy.draining" => Draining,
        "unused" => Unused,
        _ => Unknown,
    };

    /// <inheritdoc />
    public bool Equals(InstanceHealthState other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is InstanceHealthState other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>The state's name.</summary>
    public override string ToString() => Value;

    /// <summary>Whether two states are the same.</summary>
    public static bool operator ==(InstanceHealthState left, InstanceHealthState right) => left.Equals(right);

    /// <summary>Whether two states differ.</summary>
    public static bool operator !=(InstanceHealthState left, InstanceHealthState right) => !left.Equals(right);
}
