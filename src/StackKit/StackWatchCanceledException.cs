namespace StackKit;

/// <summary>
/// The caller stopped waiting. Only the wait stopped: the stack was not touched and CloudFormation carries on. The
/// cancellation is the <see cref="Exception.InnerException"/> (an <see cref="OperationCanceledException"/>).
/// </summary>
public sealed class StackWatchCanceledException : StackException
{
    /// <summary>Stopped watching the stack, last seen in <paramref name="lastStatus"/>.</summary>
    public StackWatchCanceledException(string stackName, string stackId, string region, StackStatus? lastStatus, OperationCanceledException? cancellation = null)
        : base(
            $"Stopped watching stack '{stackName}' in {region} (last seen {lastStatus?.ToString() ?? "before its first event"}). The stack was not " +
            "touched and CloudFormation carries on; watch it again to follow it to its end, or look at its status.",
            stackName, stackId, region, cancellation)
    {
        LastStatus = lastStatus;
    }

    /// <summary>The last stack status seen, if any.</summary>
    public StackStatus? LastStatus { get; }
}
