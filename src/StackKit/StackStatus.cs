namespace StackKit;

/// <summary>
/// A CloudFormation stack status, such as <c>CREATE_COMPLETE</c>: compare with the named values, or ask what it means
/// (<see cref="IsInProgress"/>, <see cref="IsFailed"/>, <see cref="IsComplete"/>). A status AWS adds later is kept as
/// it is sent and still answers the questions by its name's shape.
/// </summary>
public readonly struct StackStatus : IEquatable<StackStatus>
{
    private readonly string? _value;

    /// <summary>A status by CloudFormation's name for it.</summary>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    public StackStatus(string value) =>
        _value = string.IsNullOrEmpty(value) ? throw new ArgumentException("A stack status has a name, such as CREATE_COMPLETE.", nameof(value)) : value;

#pragma warning disable CS1591 // The names are CloudFormation's own.
    public static StackStatus CreateInProgress { get; } = new("CREATE_IN_PROGRESS");
    public static StackStatus CreateFailed { get; } = new("CREATE_FAILED");
    public static StackStatus CreateComplete { get; } = new("CREATE_COMPLETE");
    public static StackStatus RollbackInProgress { get; } = new("ROLLBACK_IN_PROGRESS");
    public static StackStatus RollbackFailed { get; } = new("ROLLBACK_FAILED");
    public static StackStatus RollbackComplete { get; } = new("ROLLBACK_COMPLETE");
    public static StackStatus DeleteInProgress { get; } = new("DELETE_IN_PROGRESS");
    public static StackStatus DeleteFailed { get; } = new("DELETE_FAILED");
    public static StackStatus DeleteComplete { get; } = new("DELETE_COMPLETE");
    public static StackStatus UpdateInProgress { get; } = new("UPDATE_IN_PROGRESS");
    public static StackStatus UpdateCompleteCleanupInProgress { get; } = new("UPDATE_COMPLETE_CLEANUP_IN_PROGRESS");
    public static StackStatus UpdateComplete { get; } = new("UPDATE_COMPLETE");
    public static StackStatus UpdateFailed { get; } = new("UPDATE_FAILED");
    public static StackStatus UpdateRollbackInProgress { get; } = new("UPDATE_ROLLBACK_IN_PROGRESS");
    public static StackStatus UpdateRollbackFailed { get; } = new("UPDATE_ROLLBACK_FAILED");
    public static StackStatus UpdateRollbackCompleteCleanupInProgress { get; } = new("UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS");
    public static StackStatus UpdateRollbackComplete { get; } = new("UPDATE_ROLLBACK_COMPLETE");
    public static StackStatus ReviewInProgress { get; } = new("REVIEW_IN_PROGRESS");
    public static StackStatus ImportInProgress { get; } = new("IMPORT_IN_PROGRESS");
    public static StackStatus ImportComplete { get; } = new("IMPORT_COMPLETE");
    public static StackStatus ImportRollbackInProgress { get; } = new("IMPORT_ROLLBACK_IN_PROGRESS");
    public static StackStatus ImportRollbackFailed { get; } = new("IMPORT_ROLLBACK_FAILED");
    public static StackStatus ImportRollbackComplete { get; } = new("IMPORT_ROLLBACK_COMPLETE");
#pragma warning restore CS1591

    /// <summary>CloudFormation's name for the status.</summary>
    public string Value => _value ?? "";

    /// <summary>The stack is still changing (cleanup and rollback phases included): wait, or watch it.</summary>
    public bool IsInProgress => StatusNames.IsInProgress(Value);

    /// <summary>The operation the stack last ran did not succeed (failed, or rolled back).</summary>
    public bool IsFailed => StatusNames.IsFailed(Value);

    /// <summary>The stack is at rest after an operation that succeeded: it serves what was asked for.</summary>
    public bool IsComplete => StatusNames.IsComplete(Value);

    /// <inheritdoc />
    public bool Equals(StackStatus other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is StackStatus other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>CloudFormation's name for the status.</summary>
    public override string ToString() => Value;

    /// <summary>Whether two statuses are the same.</summary>
    public static bool operator ==(StackStatus left, StackStatus right) => left.Equals(right);

    /// <summary>Whether two statuses differ.</summary>
    public static bool operator !=(StackStatus left, StackStatus right) => !left.Equals(right);
}
