namespace StackKit.Stacks;

/// <summary>
/// The caller stopped waiting. Only the wait stopped: the stack was not touched and CloudFormation carries on.
/// </summary>
public sealed class StackWatchCanceledException : OperationCanceledException
{
    internal StackWatchCanceledException(string stackName, string stackId, string? lastStatus, CancellationToken cancellationToken)
        : base(
            $"Stopped watching stack '{stackName}' (last seen {lastStatus ?? "before its first event"}). The stack was not touched and " +
            $"CloudFormation carries on; resume with WatchAsync(\"{stackName}\") or check it with GetAsync(\"{stackName}\").",
            cancellationToken)
    {
        StackName = stackName;
        StackId = stackId;
        LastStatus = lastStatus;
    }

    /// <summary>The stack that was being watched.</summary>
    public string StackName { get; }

    /// <summary>Its ARN.</summary>
    public string StackId { get; }

    /// <summary>The last stack status seen, if any.</summary>
    public string? LastStatus { get; }
}
