using StackKit.Aws;
using StackKit.Aws.AutoScaling;
using StackKit.Aws.CloudFormation;

namespace StackKit.Stacks;

/// <summary>
/// Looks at a create or update from the instances' side while it waits. Launches that fail again and again with one
/// reason, while none succeeds, end the wait with Auto Scaling's reason instead of the creation policy's timeout
/// 15 minutes later; an instance that signals failure, or a group whose signals never came, ends it with the
/// instance's console lines. An instance that has not signalled some minutes after its launch has its console looked
/// at now and then: a boot that failed before it could signal (cfn-signal not installed yet) ends the wait too.
/// Activities are read only while a group is being created or updated, and at most every
/// <see cref="ActivitiesInterval"/>: a healthy deploy pays a few calls, an unhealthy one learns why in seconds.
/// </summary>
internal sealed class InstanceFailureWatch(AwsConnection aws, TimeProvider time)
{
    /// <summary>Three event polls: launches are retried about every 10 s, so a repeat is seen well within a minute.</summary>
    public static readonly TimeSpan ActivitiesInterval = TimeSpan.FromSeconds(12);

    /// <summary>How many failed launches with one reason (and no success) make the failure certain.</summary>
    private const int RepeatedLaunchFailures = 2;

    private const string GroupType = "AWS::AutoScaling::AutoScalingGroup";
    private const string FailureSignal = "Received FAILURE signal with UniqueId ";
    private const string SuccessSignal = "Received SUCCESS signal with UniqueId ";

    /// <summary>A boot usually signals within two minutes (packages, image pull, server start); later, its console is read.</summary>
    private static readonly TimeSpan ConsolePeekAfter = TimeSpan.FromMinutes(3);

    private static readonly TimeSpan ConsolePeekInterval = TimeSpan.FromMinutes(1);

    /// <summary>The console lags the instance by seconds: a read without the failure line is tried again, briefly.</summary>
    private const int ConsoleAttempts = 3;

    private readonly InstanceConsole _console = new(aws, time);
    private readonly Dictionary<string, GroupWatch> _groups = new(StringComparer.Ordinal);
    private bool _stackChanging = true;
    private bool _activitiesUnavailable;

    /// <summary>Takes in the newest events (oldest first) and says whether the instances can no longer come up.</summary>
    public async Task<InstanceFailure?> CheckAsync(IReadOnlyList<StackEvent> fresh, CancellationToken cancellationToken)
    {
        foreach (var stackEvent in fresh)
        {
            if (stackEvent.IsAboutStack)
            {
                // A rollback or an end is CloudFormation's own answer: the instances' side is not read any more.
                _stackChanging = stackEvent.ResourceStatus == ResourceStatus.CreateInProgress || stackEvent.ResourceStatus == ResourceStatus.UpdateInProgress;
                continue;
            }
            if (!_stackChanging || stackEvent.ResourceType != GroupType || string.IsNullOrEmpty(stackEvent.PhysicalResourceId))
            {
                continue;
            }
            var group = Track(stackEvent);
            var reason = stackEvent.ResourceStatusReason ?? "";
            if (reason.StartsWith(SuccessSignal, StringComparison.Ordinal))
            {
                group.Signalled.Add(reason.Substring(SuccessSignal.Length).Trim());
            }
            if (reason.StartsWith(FailureSignal, StringComparison.Ordinal))
            {
                return await BootFailureAsync(group.Name, reason.Substring(FailureSignal.Length).Trim(), "signalled that its boot failed", cancellationToken).ConfigureAwait(false);
            }
            if (stackEvent.ResourceStatus.Value.EndsWith("_FAILED", StringComparison.Ordinal) && reason.Contains("signal"))
            {
                var instanceId = await LastLaunchedInstanceAsync(group, cancellationToken).ConfigureAwait(false);
                if (instanceId is not null)
                {
                    return await BootFailureAsync(group.Name, instanceId, "never signalled that it serves", cancellationToken).ConfigureAwait(false);
                }
            }
        }
        if (!_stackChanging)
        {
            return null;
        }
        foreach (var group in _groups.Values.Where(g => g.Changing && time.GetUtcNow() - g.LastRead >= ActivitiesInterval).ToList())
        {
            var activities = await ReadActivitiesAsync(group, cancellationToken).ConfigureAwait(false);
            if (RepeatedLaunchFailure(group, activities) is { } failure)
            {
                return failure;
            }
            RememberLaunches(group, activities);
        }
        foreach (var group in _groups.Values.Where(g => g.Changing))
        {
            if (await SilentBootFailureAsync(group, cancellationToken).ConfigureAwait(false) is { } failure)
            {
                return failure;
            }
        }
        return null;
    }

    /// <summary>An instance launched minutes ago that has not signalled, whose console shows a failed step.</summary>
    private async Task<InstanceFailure?> SilentBootFailureAsync(GroupWatch group, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var launch in group.Launched.Where(l => !group.Signalled.Contains(l.Key)).ToList())
        {
            var instanceId = launch.Key;
            if (now - launch.Value < ConsolePeekAfter || (group.Peeked.TryGetValue(instanceId, out var peeked) && now - peeked < ConsolePeekInterval))
            {
                continue;
            }
            group.Peeked[instanceId] = now;
            var (lines, _) = await _console.ReadFailureLinesAsync(instanceId, attempts: 1, cancellationToken).ConfigureAwait(false);
            if (InstanceConsole.HasFailedStep(lines))
            {
                return new InstanceFailure(group.Name, instanceId, "failed to boot and could not signal it", lines);
            }
        }
        return null;
    }

    private GroupWatch Track(StackEvent stackEvent)
    {
        if (!_groups.TryGetValue(stackEvent.LogicalResourceId, out var group))
        {
            // Its first activity comes seconds after CloudFormation starts it: no read before the interval passes.
            group = _groups[stackEvent.LogicalResourceId] = new GroupWatch(stackEvent.PhysicalResourceId!, stackEvent.Timestamp) { LastRead = time.GetUtcNow() };
        }
        group.Changing = stackEvent.ResourceStatus == ResourceStatus.CreateInProgress || stackEvent.ResourceStatus == ResourceStatus.UpdateInProgress;
        return group;
    }

    /// <summary>The failure when the launches since the group started all failed, at least twice with the newest reason.</summary>
    private static InstanceFailure? RepeatedLaunchFailure(GroupWatch group, IReadOnlyList<ScalingActivity> activities)
    {
        var launches = activities.Where(a => a.StartTime >= group.Since && (a.IsFailedLaunch || a.IsSuccessfulLaunch)).ToList();
        if (launches.Count == 0 || launches.Any(a => a.IsSuccessfulLaunch))
        {
            return null;
        }
        var reason = launches[0].StatusMessage ?? launches[0].Description;
        var repeats = launches.Count(a => (a.StatusMessage ?? a.Description) == reason);
        return repeats >= RepeatedLaunchFailures ? new InstanceFailure(group.Name, null, reason, []) : null;
    }

    private async Task<IReadOnlyList<ScalingActivity>> ReadActivitiesAsync(GroupWatch group, CancellationToken cancellationToken)
    {
        group.LastRead = time.GetUtcNow();
        if (_activitiesUnavailable)
        {
            return [];
        }
        try
        {
            return await aws.AutoScaling.DescribeRecentScalingActivitiesAsync(group.Name, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException error)
        {
            // Throttled: the next look tries again. Refused (no autoscaling:DescribeScalingActivities): the wait goes on
            // as before, on CloudFormation's events alone.
            _activitiesUnavailable = !RetryBackoff.IsRetryable(error.StatusCode, error.ErrorCode);
            return [];
        }
        catch (FormatException)
        {
            return [];
        }
    }

    /// <summary>The newest instance launched for this operation that never signalled success (one more read of the activities).</summary>
    private async Task<string?> LastLaunchedInstanceAsync(GroupWatch group, CancellationToken cancellationToken)
    {
        RememberLaunches(group, await ReadActivitiesAsync(group, cancellationToken).ConfigureAwait(false));
        return group.Launched.Where(l => !group.Signalled.Contains(l.Key)).OrderByDescending(l => l.Value).Select(l => l.Key).FirstOrDefault();
    }

    private static void RememberLaunches(GroupWatch group, IReadOnlyList<ScalingActivity> activities)
    {
        foreach (var launch in activities.Where(a => a.IsSuccessfulLaunch && a.StartTime >= group.Since && a.InstanceId is not null))
        {
            group.Launched[launch.InstanceId!] = launch.StartTime;
        }
    }

    private async Task<InstanceFailure> BootFailureAsync(string groupName, string instanceId, string what, CancellationToken cancellationToken)
    {
        var (lines, unreadable) = await _console.ReadFailureLinesAsync(instanceId, ConsoleAttempts, cancellationToken).ConfigureAwait(false);
        return unreadable is not null ? new InstanceFailure(groupName, instanceId, $"{what}; its console output could not be read ({unreadable})", [])
            : lines.Count == 0 ? new InstanceFailure(groupName, instanceId, $"{what}; its console output is still empty (aws ec2 get-console-output --latest --instance-id {instanceId})", [])
            : new InstanceFailure(groupName, instanceId, what, lines);
    }

    /// <summary>One group being watched: its name, when this operation started it, and when its activities were last read.</summary>
    private sealed class GroupWatch(string name, DateTimeOffset since)
    {
        public string Name { get; } = name;

        public DateTimeOffset Since { get; } = since;

        public bool Changing { get; set; }

        public DateTimeOffset LastRead { get; set; }

        /// <summary>Instances this operation launched, and when.</summary>
        public Dictionary<string, DateTimeOffset> Launched { get; } = new(StringComparer.Ordinal);

        /// <summary>Instances that signalled success.</summary>
        public HashSet<string> Signalled { get; } = new(StringComparer.Ordinal);

        /// <summary>When each silent instance's console was last read.</summary>
        public Dictionary<string, DateTimeOffset> Peeked { get; } = new(StringComparer.Ordinal);
    }
}
