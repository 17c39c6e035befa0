using StackKit.Aws;
using StackKit.Aws.AutoScaling;
using StackKit.Aws.CloudFormation;
using StackKit.Aws.ElasticLoadBalancing;
using StackKit.HttpService;

namespace StackKit.Stacks;

/// <summary>
/// Reads a stack's live capacity: its Auto Scaling group's desired/min/max and instances, joined with what each
/// load balancer of the group (Classic ELB or ALB target group) says about them.
/// </summary>
internal sealed class CapacityReader(AwsConnection aws, TimeProvider time)
{
    private const string AutoScalingGroupType = "AWS::AutoScaling::AutoScalingGroup";

    /// <summary>
    /// How many stacks a listing reads at once: a page of 30 in one round. What keeps a listing inside AWS's rate
    /// limits is its number of calls more than this bound: ELB's Describe* bucket holds 40 tokens per account and API
    /// version and refills 10 a second, so a listing of up to some 40 stacks fits it at any bound, and a larger one
    /// is throttled at any bound (at 50 ms a call even 8 at a time send 160 a second); its throttled reads are read
    /// again one at a time after the others. The bound caps the connections a listing opens (docs/benchmarks.md).
    /// </summary>
    public const int Concurrency = 32;

    /// <summary>
    /// The capacity of each stack, in order: each stack's group name (from its outputs, or for a stack made before
    /// they existed from its resources, <see cref="Concurrency"/> at a time), every group in one Auto Scaling call (a
    /// call per 100 groups), then each group's load balancer view. A read still throttled after the transport's
    /// retries is read again after the others, one at a time, when AWS has had time to recover.
    /// </summary>
    public async Task<IReadOnlyList<StackCapacity?>> ReadAllAsync(IReadOnlyList<CloudFormationStack> stacks, CancellationToken cancellationToken)
    {
        var groupNames = await EachAsync(stacks, (stack, token) => GroupNameAsync(stack.StackId, stack.Outputs, token), cancellationToken).ConfigureAwait(false);
        var groups = (await aws.AutoScaling.DescribeAutoScalingGroupsAsync([.. groupNames.OfType<string>()], cancellationToken).ConfigureAwait(false))
            .ToDictionary(g => g.Name, StringComparer.Ordinal);
        return await EachAsync(
            groupNames,
            (name, token) => name is not null && groups.TryGetValue(name, out var group) ? CapacityOfAsync(group, token) : Task.FromResult<StackCapacity?>(null),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The capacity of one stack, whose <paramref name="outputs"/> may name its group.</summary>
    public async Task<StackCapacity?> ReadAsync(string stackId, IReadOnlyDictionary<string, string> outputs, CancellationToken cancellationToken)
    {
        var groupName = await GroupNameAsync(stackId, outputs, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<AutoScalingGroup> groups = groupName is null ? [] : await aws.AutoScaling.DescribeAutoScalingGroupsAsync([groupName], cancellationToken).ConfigureAwait(false);
        return groups.Count == 0 ? null : await CapacityOfAsync(groups[0], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads each item, <see cref="Concurrency"/> at a time; an item still throttled after the transport's retries is
    /// read again after the others, one at a time.
    /// </summary>
    private static async Task<TResult[]> EachAsync<TItem, TResult>(
        IReadOnlyList<TItem> items, Func<TItem, CancellationToken, Task<TResult>> read, CancellationToken cancellationToken)
    {
        var results = new TResult[items.Count];
        var throttled = new bool[items.Count];
        using var gate = new SemaphoreSlim(Concurrency);
        async Task ReadOneAsync(int index)
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                results[index] = await read(items[index], cancellationToken).ConfigureAwait(false);
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
        await Task.WhenAll(Enumerable.Range(0, items.Count).Select(ReadOneAsync)).ConfigureAwait(false);
        for (var index = 0; index < items.Count; index++)
        {
            if (throttled[index])
            {
                results[index] = await read(items[index], cancellationToken).ConfigureAwait(false);
            }
        }
        return results;
    }

    /// <summary>
    /// The name of the stack's Auto Scaling group; null while it has none. Its output names it without a call; a stack
    /// made before the template had that output is asked for its resources.
    /// </summary>
    private async Task<string?> GroupNameAsync(string stackId, IReadOnlyDictionary<string, string> outputs, CancellationToken cancellationToken)
    {
        if (outputs.TryGetValue(HttpServiceNames.AutoScalingGroupOutput, out var name) && name.Length > 0)
        {
            return name;
        }
        var resources = await aws.CloudFormation.DescribeStackResourcesAsync(stackId, cancellationToken).ConfigureAwait(false);
        return resources.FirstOrDefault(r => r.ResourceType == AutoScalingGroupType && r.PhysicalResourceId is not null)?.PhysicalResourceId;
    }

    /// <summary>The group's capacity, each instance joined with what each load balancer of the group says about it.</summary>
    private async Task<StackCapacity?> CapacityOfAsync(AutoScalingGroup group, CancellationToken cancellationToken)
    {
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
