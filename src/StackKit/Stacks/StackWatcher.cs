using StackKit.Aws;
using StackKit.Aws.CloudFormation;

namespace StackKit.Stacks;

/// <summary>
/// Waits for a stack operation to end. Each poll is one DescribeStackEvents (more pages only when many events came at
/// once); new events are reported as they appear, and only a stack-level event that ends the operation costs a
/// DescribeStacks to confirm it. Throttling that outlasts the transport's retries just skips a poll. A create or update
/// is also looked at from the instances' side (<see cref="InstanceFailureWatch"/>), which may end the wait early.
/// </summary>
internal sealed class StackWatcher(AwsConnection aws, TimeProvider time, PollingSchedule schedule)
{
    private readonly CloudFormationClient _cloudFormation = aws.CloudFormation;

    /// <summary>How long without a new event before the stack's status is read anyway.</summary>
    private static readonly TimeSpan QuietCheckInterval = TimeSpan.FromSeconds(90);

    /// <summary>How long polls may keep failing before the wait gives up.</summary>
    private static readonly TimeSpan GiveUpAfterFailingFor = TimeSpan.FromMinutes(2);

    /// <summary>Watches <paramref name="stackId"/> until it leaves every *_IN_PROGRESS status.</summary>
    /// <param name="stackId">The stack's ARN (it stays valid after deletion, unlike the name).</param>
    /// <param name="stackName">The name, for progress and messages.</param>
    /// <param name="lastSeenEventId">The newest event from before the operation, not to be reported again; null for a new stack.</param>
    /// <param name="progress">Receives each new event in order, numbered, with how many resources are done.</param>
    /// <param name="resourceTotal">How many resources the operation touches.</param>
    /// <param name="watchInstances">Look at the instances' side too (creates and updates, not deletes).</param>
    /// <param name="rollbackWatch">The alarms an update is watched by, whose monitoring time is reported when it begins; null for none.</param>
    /// <param name="cancellationToken">Stops the wait (never the stack).</param>
    public async Task<StackWatchOutcome> WatchAsync(
        string stackId, string stackName, string? lastSeenEventId, IProgress<StackProgress>? progress, int resourceTotal, bool watchInstances,
        RollbackWatch? rollbackWatch, CancellationToken cancellationToken)
    {
        var counter = new ProgressCounter(stackName, resourceTotal);
        var instances = watchInstances ? new InstanceFailureWatch(aws, time) : null;
        InstanceFailure? instanceFailure = null;
        var events = new List<StackEvent>();
        StackStatus? lastStatus = null;
        StackStatus? lastStackEventStatus = null;
        var lastHeard = time.GetUtcNow();
        DateTimeOffset? failingSince = null;
        // Past this, a wait that only fails (AWS unreachable, throttled without end) gives up with the last error.
        bool FailingTooLong()
        {
            failingSince ??= time.GetUtcNow();
            return time.GetUtcNow() - failingSince.Value > GiveUpAfterFailingFor;
        }

        for (var poll = 0; ; poll++)
        {
            try
            {
                await time.DelayAsync(schedule.DelayBefore(poll), cancellationToken).ConfigureAwait(false);
                var fresh = await ReadEventsAfterAsync(stackId, lastSeenEventId, cancellationToken).ConfigureAwait(false);
                failingSince = null;
                if (fresh.Count > 0)
                {
                    lastHeard = time.GetUtcNow();
                }
                foreach (var stackEvent in fresh)
                {
                    events.Add(stackEvent);
                    lastSeenEventId = stackEvent.EventId;
                    if (stackEvent.IsAboutStack)
                    {
                        lastStatus = lastStackEventStatus = new StackStatus(stackEvent.ResourceStatus.Value);
                    }
                    progress?.Report(counter.Next(stackEvent));
                    // Only the update's own rolling update begins it, not the rollback's.
                    if (rollbackWatch is not null && lastStackEventStatus == StackStatus.UpdateInProgress && RollbackWatch.BeginsMonitoring(stackEvent))
                    {
                        // CloudFormation records no event for its monitoring time: the wait says it is in it.
                        progress?.Report(counter.Next(new StackEvent(
                            $"{stackEvent.EventId}-monitoring", stackId, stackName, stackId, "AWS::CloudFormation::Stack", stackEvent.Timestamp, StackKit.ResourceStatus.UpdateInProgress, rollbackWatch.MonitoringNote())));
                    }
                }
                // Kept across polls: a throttled read of the status must not lose a cause already found.
                instanceFailure ??= instances is null ? null : await instances.CheckAsync(fresh, cancellationToken).ConfigureAwait(false);
                if (instanceFailure is not null)
                {
                    var failing = await _cloudFormation.DescribeStackAsync(stackId, cancellationToken).ConfigureAwait(false)
                        ?? throw new InvalidOperationException($"Stack {stackId} vanished while it was being watched.");
                    return new StackWatchOutcome(failing, events, instanceFailure);
                }
                // Confirmed on every poll until it succeeds, so a throttled confirmation cannot lose the end. A long
                // silence is checked too: an end whose event was already seen (or lags the status) must not go unnoticed.
                var ended = lastStackEventStatus is { IsInProgress: false };
                if (ended || time.GetUtcNow() - lastHeard >= QuietCheckInterval)
                {
                    lastHeard = time.GetUtcNow();
                    var stack = await _cloudFormation.DescribeStackAsync(stackId, cancellationToken).ConfigureAwait(false)
                        ?? throw new InvalidOperationException($"Stack {stackId} vanished while it was being watched.");
                    lastStatus = stack.StackStatus;
                    if (!stack.StackStatus.IsInProgress)
                    {
                        return new StackWatchOutcome(stack, events);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw new StackWatchCanceledException(
                    stackName, stackId, aws.Region.SystemName, lastStatus, new OperationCanceledException(cancellationToken));
            }
            catch (AwsServiceException error) when (RetryBackoff.IsRetryable(error.StatusCode, error.ErrorCode) && !FailingTooLong())
            {
                // AWS is still throttling or unreachable after the transport's retries: the next poll tries again.
            }
        }
    }

    /// <summary>The newest event id of a stack now, so a later watch reports only what follows.</summary>
    public async Task<string?> LatestEventIdAsync(string stackId, CancellationToken cancellationToken)
    {
        var (page, _) = await _cloudFormation.DescribeStackEventsAsync(stackId, null, cancellationToken).ConfigureAwait(false);
        return page.Count == 0 ? null : page[0].EventId;
    }

    /// <summary>Events newer than <paramref name="lastSeenEventId"/>, oldest first.</summary>
    private async Task<List<StackEvent>> ReadEventsAfterAsync(string stackId, string? lastSeenEventId, CancellationToken cancellationToken)
    {
        var fresh = new List<StackEvent>();
        string? nextToken = null;
        do
        {
            var (page, next) = await _cloudFormation.DescribeStackEventsAsync(stackId, nextToken, cancellationToken).ConfigureAwait(false);
            var seenAt = page.ToList().FindIndex(e => e.EventId == lastSeenEventId);
            fresh.AddRange(seenAt < 0 ? page : page.Take(seenAt));
            nextToken = seenAt < 0 ? next : null;
        }
        while (nextToken is not null);
        fresh.Reverse();
        return fresh;
    }
}
