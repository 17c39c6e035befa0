namespace StackKit;

/// <summary>
/// The status a stack event reports for a resource (or the stack itself), such as <c>CREATE_COMPLETE</c>; compare with
/// the named values or ask what it means.
/// </summary>
public readonly struct ResourceStatus : IEquatable<ResourceStatus>
{
    private readonly string? _value;

    /// <summary>A status by CloudFormation's name for it.</summary>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    public ResourceStatus(string value) =>
        _value = string.IsNullOrEmpty(value) ? throw new ArgumentException("A resource status has a name, such as CREATE_COMPLETE.", nameof(value)) : value;

#pragma warning disable CS1591 // The names are CloudFormation's own.
    public static ResourceStatus CreateInProgress { get; } = new("CREATE_IN_PROGRESS");
    public static ResourceStatus CreateFailed { get; } = new("CREATE_FAILED");
    public static ResourceStatus CreateComplete { get; } = new("CREATE_COMPLETE");
    public static ResourceStatus DeleteInProgress { get; } = new("DELETE_IN_PROGRESS");
    public static ResourceStatus DeleteFailed { get; } = new("DELETE_FAILED");
    public static ResourceStatus DeleteComplete { get; } = new("DELETE_COMPLETE");
    public static ResourceStatus DeleteSkipped { get; } = new("DELETE_SKIPPED");
    public static ResourceStatus UpdateInProgress { get; } = new("UPDATE_IN_PROGRESS");
    public static ResourceStatus UpdateFailed { get; } = new("UPDATE_FAILED");
    public static ResourceStatus UpdateComplete { get; } = new("UPDATE_COMPLETE");
#pragma warning restore CS1591

    /// <summary>CloudFormation's name for the status.</summary>
    public string Value => _value ?? "";

    /// <summary>The resource is still changing.</summary>
    public bool IsInProgress => StatusNames.IsInProgress(Value);

    /// <summary>The resource's change did not succeed.</summary>
    public bool IsFailed => StatusNames.IsFailed(Value);

    /// <summary>The resource's change succeeded (skipped deletes included).</summary>
    public bool IsComplete => StatusNames.IsComplete(Value) || Value == "DELETE_SKIPPED";

    /// <inheritdoc />
    public bool Equals(ResourceStatus other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ResourceStatus other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>CloudFormation's name for the status.</summary>
    public override string ToString() => Value;

    /// <summary>Whether two statuses are the same.</summary>
    public static bool operator ==(ResourceStatus left, ResourceStatus right) => left.Equals(right);

    /// <summary>Whether two statuses differ.</summary>
    public static bool operator !=(ResourceStatus left, ResourceStatus right) => !left.Equals(right);
}
