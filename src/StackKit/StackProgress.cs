namespace StackKit;

/// <summary>
/// One step of a stack operation as it happens: a resource (or the stack) reached a status. Reports come one after
/// another, in the order CloudFormation recorded them, numbered by <see cref="Sequence"/>; each says how far along the
/// operation is (<see cref="ResourcesDone"/> of <see cref="ResourcesTotal"/>).
/// </summary>
public sealed record StackProgress
{
    /// <summary>The stack being watched.</summary>
    public required string StackName { get; init; }

    /// <summary>1 for the operation's first report, then 2, 3...: an <see cref="IProgress{T}"/> that runs reports on other threads can put them back in order.</summary>
    public required int Sequence { get; init; }

    /// <summary>The resource's name in the template, or the stack's name for the stack's own events.</summary>
    public required string LogicalResourceId { get; init; }

    /// <summary>The resource's type, e.g. <c>AWS::EC2::VPC</c>; <c>AWS::CloudFormation::Stack</c> for the stack itself.</summary>
    public required string ResourceType { get; init; }

    /// <summary>The status reached.</summary>
    public required ResourceStatus Status { get; init; }

    /// <summary>Why, when CloudFormation says (always for failures).</summary>
    public string? StatusReason { get; init; }

    /// <summary>When CloudFormation recorded it.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>True when the report is about the stack itself rather than one of its resources.</summary>
    public required bool IsAboutStack { get; init; }

    /// <summary>How many of the operation's resources have finished (succeeded or failed) so far.</summary>
    public required int ResourcesDone { get; init; }

    /// <summary>How many resources the operation touches: the template's for a create, the stack's for an update or delete.</summary>
    public required int ResourcesTotal { get; init; }

    /// <summary>One line: how far along, the resource, its type, status and reason.</summary>
    public override string ToString() =>
        $"[{ResourcesDone}/{ResourcesTotal}] {LogicalResourceId} ({ResourceType}) {Status}" + (StatusReason is null ? "" : ": " + StatusReason);
}
