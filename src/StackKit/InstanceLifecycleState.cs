namespace StackKit;

/// <summary>Where Auto Scaling says an instance is in its life, such as <c>InService</c> or <c>Terminating</c>.</summary>
public readonly struct InstanceLifecycleState : IEquatable<InstanceLifecycleState>
{
    private readonly string? _value;

    /// <summary>A state by Auto Scaling's name for it.</summary>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    public InstanceLifecycleState(string value) =>
        _value = string.IsNullOrEmpty(value) ? throw new ArgumentException("A lifecycle state has a name, such as InService.", nameof(value)) : value;

#pragma warning disable CS1591 // The names are Auto Scaling's own.
    public static InstanceLifecycleState Pending { get; } = new("Pending");
    public static InstanceLifecycleState PendingWait { get; } = new("Pending:Wait");
    public static InstanceLifecycleState PendingProceed { get; } = new("Pending:Proceed");
    public static InstanceLifecycleState InService { get; } = new("InService");
    public static InstanceLifecycleState Terminating { get; } = new("Terminating");
    public static InstanceLifecycleState TerminatingWait { get; } = new("Terminating:Wait");
    public static InstanceLifecycleState TerminatingProceed { get; } = new("Terminating:Proceed");
    public static InstanceLifecycleState Terminated { get; } = new("Terminated");
    public static InstanceLifecycleState Detaching { get; } = new("Detaching");
    public static InstanceLifecycleState Detached { get; } = new("Detached");
    public static InstanceLifecycleState EnteringStandby { get; } = new("EnteringStandby");
    public static InstanceLifecycleState Standby { get; } = new("Standby");
#pragma warning restore CS1591

    /// <summary>Auto Scaling's name for the state.</summary>
    public string Value => _value ?? "";

    /// <summary>Still starting: not yet serving.</summary>
    public bool IsStarting => Value.StartsWith("Pending", StringComparison.Ordinal);

    /// <summary>On its way out of the group.</summary>
    public bool IsLeaving => Value.StartsWith("Terminat", StringComparison.Ordinal) || Value.StartsWith("Detach", StringComparison.Ordinal);

    /// <inheritdoc />
    public bool Equals(InstanceLifecycleState other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is InstanceLifecycleState other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>Auto Scaling's name for the state.</summary>
    public override string ToString() => Value;

    /// <summary>Whether two states are the same.</summary>
    public static bool operator ==(InstanceLifecycleState left, InstanceLifecycleState right) => left.Equals(right);

    /// <summary>Whether two states differ.</summary>
    public static bool operator !=(InstanceLifecycleState left, InstanceLifecycleState right) => !left.Equals(right);
}
