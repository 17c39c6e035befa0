using StackKit.Aws;
using StackKit.Aws.ElasticLoadBalancing;

namespace StackKit.Stacks;

/// <summary>
/// Reads a stack's live capacity: its Auto Scaling group's desired/min/max and instances, joined with what each
/// load balancer of the group (Classic ELB or ALB target group) says about them.
/// </summary>
internal sealed class CapacityReader(AwsConnection aws, TimeProvider time)
{
    private const string AutoScalingGroupType = "AWS::AutoScaling::AutoScalingGroup";

    /// <summary>How many stacks a listing reads at once: enough to hide latency, few enough to stay clear of AWS's rate limits.</summary>
    public const int Concurrency = 8;

    /// <summary>
    /// The capacity of each stack, in order, read <see cref="Concurrency"/> at a time. A read still throttled after
    /// the transport's retries is read again after the others, one at a time, when AWS has had time to recover.
    /// </summary>
    public async Task<IReadOnlyList<StackCapacity?>> ReadAllAsync(IReadOnlyList<string> stackIds, CancellationToken cancellationToken)
    {
        var capacities = new StackCapacity?[stackIds.Count];
        var throttled = new bool[stackIds.Count];
        using var gate = new SemaphoreSlim(Concurrency);
        async Task ReadOneAsync(int index)
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                capacities[index] = await ReadAsync(stackIds[index], cancellationToken).ConfigureAwait(false);
            }
            catch (AwsServiceException error) when (RetryBackoff.IsThrottling(error.ErrorCode))
            {
                throttled[index] = true;
            }
            finally
            {
                gate.Release();
            }
        }
        await Task.WhenAll(Enumerable.Range(0, stackIds.Count).Select(ReadOneAsync)).ConfigureAwait(false);
        for (var index = 0; index < stackIds.Count; index++)
        {
            if (throttled[index])
            {
                capacities[index] = await ReadAsync(stackIds[index], cancellationToken).ConfigureAwait(false);
            }
        }
        return capacities;
    }

    public async Task<StackCapacity?> ReadAsync(string stackId, CancellationToken cancellationToken)
    {
        var resources = await aws.CloudFormation.DescribeStackResourcesAsync(stackId, cancellationToken).ConfigureAwait(false);
        var groupName = resources.FirstOrDefault(r => r.ResourceType == AutoScalingGroupType && r.PhysicalResourceId is not null)?.PhysicalResourceId;
        if (groupName is null)
        {
            return null;
        }
        var groups = await aws.AutoScaling.DescribeAutoScalingGroupsAsync([groupName], cancellationToken).ConfigureAwait(false);
        if (groups.Count == 0)
        {
            return null;
        }
        var group = groups[0];
        var targets = new Dictionary<string, TargetState>(StringComparer.Ordinal);
        foreach (var loadBalancer in group.LoadBalancerNames)
        {
            Merge(targets, await UnlessGoneAsync(aws.LoadBalancing.DescribeInstanceHealthAsync(loadBalancer, cancellationToken)).ConfigureAwait(false));
        }
        foreach (var targetGroup in group.TargetGroupArns)
        {
            Merge(targets, await UnlessGoneAsync(aws.LoadBalancing.DescribeTargetHealthAsync(targetGroup, cancellationToken)).ConfigureAwait(false));
        }
        var instances = group.Instances
            .Select(i => targets.TryGetValue(i.InstanceId, out var target)
                ? new InstanceHealth(i.InstanceId, new InstanceLifecycleState(i.LifecycleState), InstanceHealthState.FromReported(i.HealthStatus), InstanceHealthState.FromReported(target.State), target.Reason)
                : new InstanceHealth(i.InstanceId, new InstanceLifecycleState(i.LifecycleState), InstanceHealthState.FromReported(i.HealthStatus), null, null))
            .ToList();
        return new StackCapacity(group.Name, group.DesiredCapacity, group.MinSize, group.MaxSize, instances);
    }

    /// <summary>
    /// The capacity with why it falls short: each unhealthy instance's console lines (one EC2 call each) and, when
    /// instances are missing, the latest failed launch (one Auto Scaling call). A healthy group costs nothing more.
    /// </summary>
    public async Task<StackCapacity> DiagnoseAsync(StackCapacity capacity, CancellationToken cancellationToken)
    {
        var console = new InstanceConsole(aws, time);
        var instances = new List<InstanceHealth>();
        foreach (var instance in capacity.Instances)
        {
            if (instance.IsHealthy)
            {
                instances.Add(instance);
                continue;
            }
            var (lines, unreadable) = await console.ReadFailureLinesAsync(instance.InstanceId, attempts: 1, cancellationToken).ConfigureAwait(false);
            instances.Add(instance with { ConsoleLines = unreadable is null ? lines : [$"(console not readable: {unreadable})"] });
        }
        string? launchFailure = null;
        if (capacity.Instances.Count < capacity.DesiredCapacity)
        {
            try
            {
                var activities = await aws.AutoScaling.DescribeRecentScalingActivitiesAsync(capacity.AutoScalingGroupName, cancellationToken).ConfigureAwait(false);
                var latestLaunch = activities.FirstOrDefault(a => a.IsFailedLaunch || a.IsSuccessfulLaunch);
                launchFailure = latestLaunch is { IsFailedLaunch: true } ? latestLaunch.StatusMessage ?? latestLaunch.Description : null;
            }
            catch (AwsServiceException error)
            {
                launchFailure = $"(scaling activities not readable: {error.Message})";
            }
        }
        return capacity with { Instances = instances, LaunchFailure = launchFailure };
    }

    /// <summary>A load balancer deleted under the group (say, mid-rollback) has no view of its instances: not an error.</summary>
    private static async Task<IReadOnlyList<TargetState>> UnlessGoneAsync(Task<IReadOnlyList<TargetState>> states)
    {
        try
        {
            return await states.ConfigureAwait(false);
        }
        catch (AwsServiceException error) when (error.ErrorCode is "LoadBalancerNotFound" or "TargetGroupNotFound")
        {
            return [];
        }
    }

    private static void Merge(Dictionary<string, TargetState> targets, IReadOnlyList<TargetState> states)
    {
        foreach (var state in states)
        {
            targets[state.InstanceId] = state;
        }
    }
}
