using StackKit.Aws.CloudFormation;

namespace StackKit.Stacks;

/// <summary>
/// Numbers an operation's events and counts its finished resources: a resource is done once its latest event is not
/// in progress, so a resource replaced during an update counts once, and the count never passes the total; the
/// stack's final event counts them all.
/// </summary>
internal sealed class ProgressCounter(string stackName, int resourceTotal)
{
    private readonly Dictionary<string, bool> _finished = new(StringComparer.Ordinal);
    private int _sequence;

    public StackProgress Next(StackEvent stackEvent)
    {
        if (!stackEvent.IsAboutStack)
        {
            _finished[stackEvent.LogicalResourceId] = !stackEvent.ResourceStatus.IsInProgress;
        }
        var total = Math.Max(resourceTotal, _finished.Count);
        // The stack's own final event settles every resource, including those an endpoint reported no event for
        // (moto completes a stack at once, with few resource events).
        var done = stackEvent.IsAboutStack && !stackEvent.ResourceStatus.IsInProgress
            ? total
            : _finished.Count(f => f.Value);
        return new StackProgress
        {
            StackName = stackName,
            Sequence = ++_sequence,
            LogicalResourceId = stackEvent.LogicalResourceId,
            ResourceType = stackEvent.ResourceType,
            Status = stackEvent.ResourceStatus,
            StatusReason = stackEvent.ResourceStatusReason,
            Timestamp = stackEvent.Timestamp,
            IsAboutStack = stackEvent.IsAboutStack,
            ResourcesDone = Math.Min(done, total),
            ResourcesTotal = total,
        };
    }
}
