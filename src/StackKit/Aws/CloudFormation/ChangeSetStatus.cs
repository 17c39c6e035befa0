namespace StackKit.Aws.CloudFormation;

/// <summary>
/// A change set's status as DescribeChangeSet reports it, such as <c>CREATE_COMPLETE</c>. A status AWS adds later is
/// kept as it is sent: it is neither being created nor complete, so a preview reports it as a failure by name.
/// </summary>
/// <param name="Value">CloudFormation's name for the status.</param>
internal readonly record struct ChangeSetStatus(string Value)
{
    public static ChangeSetStatus CreatePending { get; } = new("CREATE_PENDING");

    public static ChangeSetStatus CreateInProgress { get; } = new("CREATE_IN_PROGRESS");

    public static ChangeSetStatus CreateComplete { get; } = new("CREATE_COMPLETE");

    /// <summary>CloudFormation is still computing the changes: read again later.</summary>
    public bool IsBeingCreated => this == CreatePending || this == CreateInProgress;

    /// <summary>CloudFormation's name for the status.</summary>
    public override string ToString() => Value;
}
