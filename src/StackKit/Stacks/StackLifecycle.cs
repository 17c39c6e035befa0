using StackKit.Aws;
using StackKit.Aws.CloudFormation;

namespace StackKit.Stacks;

/// <summary>
/// Creates, reads, updates and deletes CloudFormation stacks, waiting for each change to finish and reporting its
/// events as they happen. Every method can be cancelled; cancelling stops the wait, never the stack.
/// </summary>
internal sealed class StackLifecycle
{
    private readonly AwsConnection _aws;
    private readonly TimeProvider _time;
    private readonly StackWatcher _watcher;
    private readonly CapacityReader _capacity;
    private readonly NotificationSubscriptionReader _subscriptions;

    /// <summary>Creates a lifecycle over <paramref name="aws"/>.</summary>
    /// <param name="aws">Where and as whom to call AWS.</param>
    /// <param name="time">Clock for waiting and default names; the system clock when null.</param>
    /// <param name="jitter">Randomness for polling jitter; a new <see cref="Random"/> when null.</param>
    public StackLifecycle(AwsConnection aws, TimeProvider? time = null, Random? jitter = null)
    {
        _aws = aws ?? throw new ArgumentNullException(nameof(aws));
        _time = time ?? TimeProvider.System;
        Schedule = new PollingSchedule(jitter ?? new Random());
        _watcher = new StackWatcher(aws, _time, Schedule);
        _capacity = new CapacityReader(aws, _time);
        _subscriptions = new NotificationSubscriptionReader(aws);
    }

    private string Region => _aws.Region.SystemName;

    /// <summary>Where and as whom this lifecycle calls AWS.</summary>
    internal AwsConnection Connection => _aws;

    /// <summary>The clock this lifecycle waits and stamps times with.</summary>
    internal TimeProvider Time => _time;

    /// <summary>How long to wait between polls of CloudFormation.</summary>
    internal PollingSchedule Schedule { get; }

    /// <summary>
    /// Creates a stack and waits until it is CREATE_COMPLETE. Name, parameters and template size are checked first,
    /// without calling AWS.
    /// </summary>
    /// <returns>The new stack: name, id, status, URL, outputs, parameters, creation time.</returns>
    /// <exception cref="ArgumentException">The request breaks a CloudFormation rule; nothing was sent.</exception>
    /// <exception cref="StackOperationException">Creation failed: carries the root cause, the stack's state and how to clean up.</exception>
    /// <exception cref="StackWatchCanceledException">The wait was cancelled; the stack carries on.</exception>
    /// <exception cref="StackWatchFailedException">The stack was created but watching it failed; it carries on.</exception>
    public async Task<HttpServiceStack> CreateAsync(CreateStackRequest request, IProgress<StackProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var (stackId, stackName) = await SubmitCreateAsync(request, cancellationToken).ConfigureAwait(false);
        var total = request.ResourceCount ?? await ResourceCountAsync(stackId, cancellationToken).ConfigureAwait(false);
        var outcome = await WatchChangeAsync(stackId, stackName, lastSeenEventId: null, progress, total, watchInstances: true, null, cancellationToken).ConfigureAwait(false);
        return outcome.Stack.StackStatus == StackStatus.CreateComplete ? Result(outcome.Stack) : throw FailureOf(outcome, []);
    }

    /// <summary>
    /// Starts creating a stack and returns as soon as CloudFormation accepted it (usually CREATE_IN_PROGRESS), without
    /// waiting; follow it with <see cref="WatchAsync"/>. Checked like <see cref="CreateAsync"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The request breaks a CloudFormation rule; nothing was sent.</exception>
    public async Task<HttpServiceStack> StartCreateAsync(CreateStackRequest request, CancellationToken cancellationToken = default)
    {
        var (stackId, stackName) = await SubmitCreateAsync(request, cancellationToken).ConfigureAwait(false);
        var stack = await _aws.CloudFormation.DescribeStackAsync(stackId, cancellationToken).ConfigureAwait(false)
            ?? throw new StackNotFoundException(stackName, Region);
        return Result(stack);
    }

    /// <summary>One stack by name, with its live capacity and instance health, and its alarm e-mail's subscription.</summary>
    /// <exception cref="StackNotFoundException">No stack has that name.</exception>
    public async Task<HttpServiceStack> GetAsync(string stackName, CancellationToken cancellationToken = default)
    {
        StackInputRules.CheckStackName(stackName, nameof(stackName));
        var stack = await DescribeExistingAsync(stackName, cancellationToken).ConfigureAwait(false);
        return await DetailedAsync(Result(stack), token => _capacity.ReadAsync(stack.StackId, stack.Outputs, token), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Like <see cref="GetAsync"/>, and says why capacity falls short: each unhealthy instance gets the lines of its
    /// console that show where its boot stopped (<see cref="InstanceHealth.ConsoleLines"/>), and a group with fewer
    /// instances than desired gets Auto Scaling's latest launch failure (<see cref="StackCapacity.LaunchFailure"/>).
    /// Costs one EC2 call per unhealthy instance and one Auto Scaling call when instances are missing.
    /// </summary>
    /// <exception cref="StackNotFoundException">No stack has that name.</exception>
    public async Task<HttpServiceStack> DiagnoseAsync(string stackName, CancellationToken cancellationToken = default)
    {
        StackInputRules.CheckStackName(stackName, nameof(stackName));
        var stack = await DescribeExistingAsync(stackName, cancellationToken).ConfigureAwait(false);
        return await DetailedAsync(Result(stack), DiagnosedCapacityAsync, cancellationToken).ConfigureAwait(false);

        async Task<StackCapacity?> DiagnosedCapacityAsync(CancellationToken token)
        {
            var capacity = await _capacity.ReadAsync(stack.StackId, stack.Outputs, token).ConfigureAwait(false);
            return capacity is null ? null : await _capacity.DiagnoseAsync(capacity, token).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Every live stack StackKit created (tagged <see cref="StackKitTags.ManagedBy"/>), with capacity, read for up to
    /// <see cref="CapacityReader.Concurrency"/> stacks at once.
    /// </summary>
    public async Task<IReadOnlyList<HttpServiceStack>> ListAsync(CancellationToken cancellationToken = default)
    {
        var managed = (await _aws.CloudFormation.DescribeStacksAsync(cancellationToken).ConfigureAwait(false)).Where(IsManaged).ToList();
        var capacities = await _capacity.ReadAllAsync(managed, cancellationToken).ConfigureAwait(false);
        return [.. managed.Select((stack, i) => Result(stack, capacities[i]))];
    }

    /// <summary>The names of every live stack StackKit created: one listing, no capacity.</summary>
    public async Task<IReadOnlyList<string>> ListNamesAsync(CancellationToken cancellationToken = default)
    {
        var stacks = await _aws.CloudFormation.DescribeStacksAsync(cancellationToken).ConfigureAwait(false);
        return [.. stacks.Where(IsManaged).Select(s => s.StackName)];
    }

    /// <summary>
    /// Changes some parameters (and optionally the template), keeping every other parameter's value, and waits until
    /// the update ends. A request that changes nothing is a success with <see cref="StackUpdateOutcome.NothingToChange"/>.
    /// </summary>
    /// <exception cref="StackNotFoundException">No stack has that name.</exception>
    /// <exception cref="StackOperationException">The update failed and rolled back: carries the root cause.</exception>
    /// <exception cref="StackNotManagedException">The stack was not created by StackKit; nothing was sent.</exception>
    public async Task<StackUpdateResult> UpdateAsync(UpdateStackRequest request, IProgress<StackProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        CheckUpdate(request);
        var stack = await DescribeExistingAsync(request.StackName, cancellationToken).ConfigureAwait(false);
        return await UpdateCheckedAsync(stack, request, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Like <see cref="UpdateAsync(UpdateStackRequest, IProgress{StackProgress}?, CancellationToken)"/>, for a stack its caller has just read: the stack is not read again.</summary>
    public Task<StackUpdateResult> UpdateAsync(CloudFormationStack stack, UpdateStackRequest request, IProgress<StackProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        CheckUpdate(request);
        return UpdateCheckedAsync(stack, request, progress, cancellationToken);
    }

    private static void CheckUpdate(UpdateStackRequest request)
    {
        StackInputRules.CheckStackName(request.StackName, nameof(request));
        StackInputRules.CheckParameters(request.Parameters, nameof(request));
        if (request.TemplateBody is not null)
        {
            StackInputRules.CheckTemplateBody(request.TemplateBody, nameof(request));
        }
    }

    private async Task<StackUpdateResult> UpdateCheckedAsync(CloudFormationStack stack, UpdateStackRequest request, IProgress<StackProgress>? progress, CancellationToken cancellationToken)
    {
        RequireManaged(stack, "update");
        var parameters = UpdateParameters.For(stack, request);
        var change = new StackChange(stack.StackName, request.TemplateBody, parameters, request.Capabilities, [], NewRequestToken("update"));

        // The alarms are read before the update: a trigger must exist when the update starts.
        var rollbackWatch = request.MonitoringMinutes is { } minutes
            ? RollbackWatch.For(stack.StackId, await _aws.CloudFormation.DescribeStackResourcesAsync(stack.StackId, cancellationToken).ConfigureAwait(false), minutes)
            : null;
        var lastSeenEventId = await _watcher.LatestEventIdAsync(stack.StackId, cancellationToken).ConfigureAwait(false);
        try
        {
            await _aws.CloudFormation.UpdateStackAsync(change, rollbackWatch?.Configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException error) when (error.ErrorCode == "ValidationError" && error.ErrorMessage.Contains("No updates are to be performed", StringComparison.Ordinal))
        {
            return new StackUpdateResult(StackUpdateOutcome.NothingToChange, Result(stack));
        }
        var total = await ResourceCountAsync(stack.StackId, cancellationToken).ConfigureAwait(false);
        var outcome = await WatchChangeAsync(stack.StackId, stack.StackName, lastSeenEventId, progress, total, watchInstances: true, rollbackWatch, cancellationToken).ConfigureAwait(false);
        if (outcome.Stack.StackStatus == StackStatus.UpdateComplete)
        {
            return new StackUpdateResult(StackUpdateOutcome.Updated, Result(outcome.Stack));
        }
        throw (rollbackWatch is null ? null : RolledBackByAlarm(outcome, rollbackWatch)) ?? FailureOf(outcome, []);
    }

    /// <summary>
    /// The failure of an update one of its alarms rolled back: it names the alarm, the image serving again and how to
    /// read what the new image logged; null when no alarm is named in the update's events.
    /// </summary>
    private StackOperationException? RolledBackByAlarm(StackWatchOutcome outcome, RollbackWatch watch)
    {
        if (watch.AlarmThatFired(outcome.Events) is not { } fired)
        {
            return null;
        }
        var stack = outcome.Stack;
        var serving = stack.Parameters.TryGetValue(HttpService.HttpServiceNames.DockerImage, out var image) ? image : "the previous image";
        // The update's first event: the new version's servers started after it.
        var since = outcome.Events[0].Timestamp;
        var nextStep =
            $"Alarm {fired.Name} ({fired.LogicalId}) went to ALARM while CloudFormation watched the update, so it rolled the update back: {serving} is serving again. " +
            $"See what the new version logged: Get-HttpServiceLog -StackName {stack.StackName} -Since '{since:yyyy-MM-ddTHH:mm:ssZ}' (C#: ReadLogsAsync with ServiceLogQuery.Since); " +
            "fix it and update again.";
        var cause = new FailedResource(fired.LogicalId, RollbackConfiguration.AlarmType, fired.Event.ResourceStatus, fired.Event.ResourceStatusReason);
        return new StackOperationException(stack.StackName, stack.StackId, Region, stack.StackStatus, cause, [], nextStep);
    }

    /// <summary>Deletes a stack and waits until DELETE_COMPLETE. A stack that does not exist is reported, not an error.</summary>
    /// <exception cref="StackOperationException">DELETE_FAILED: lists the resources that blocked the delete.</exception>
    /// <exception cref="StackNotManagedException">The stack was not created by StackKit; nothing was sent.</exception>
    public async Task<StackDeleteResult> DeleteAsync(string stackName, IProgress<StackProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        StackInputRules.CheckStackName(stackName, nameof(stackName));
        var stack = await _aws.CloudFormation.DescribeStackAsync(stackName, cancellationToken).ConfigureAwait(false);
        if (stack is null)
        {
            return new StackDeleteResult(StackDeleteOutcome.DidNotExist, stackName, null, Region);
        }
        RequireManaged(stack, "delete");
        var lastSeenEventId = await _watcher.LatestEventIdAsync(stack.StackId, cancellationToken).ConfigureAwait(false);
        var total = await ResourceCountAsync(stack.StackId, cancellationToken).ConfigureAwait(false);
        await _aws.CloudFormation.DeleteStackAsync(stack.StackId, NewRequestToken("delete"), cancellationToken).ConfigureAwait(false);
        var outcome = await WatchChangeAsync(stack.StackId, stack.StackName, lastSeenEventId, progress, total, watchInstances: false, null, cancellationToken).ConfigureAwait(false);
        if (outcome.Stack.StackStatus == StackStatus.DeleteComplete)
        {
            return new StackDeleteResult(StackDeleteOutcome.Deleted, stack.StackName, stack.StackId, Region)
            {
                KeptImageRepository = stack.Outputs.TryGetValue(HttpService.HttpServiceNames.ImageRepositoryUriOutput, out var repository) ? repository : null,
            };
        }
        var resources = await _aws.CloudFormation.DescribeStackResourcesAsync(stack.StackId, cancellationToken).ConfigureAwait(false);
        var blocking = resources
            .Where(r => r.ResourceStatus == ResourceStatus.DeleteFailed)
            .Select(r => new FailedResource(r.LogicalResourceId, r.ResourceType, r.ResourceStatus, r.ResourceStatusReason))
            .ToList();
        throw FailureOf(outcome, blocking);
    }

    /// <summary>
    /// Waits for whatever the stack is doing to end, reporting events from now on; returns at once if it is idle.
    /// Use it to resume watching after a cancelled wait.
    /// </summary>
    /// <exception cref="StackOperationException">The operation ended in failure.</exception>
    public async Task<HttpServiceStack> WatchAsync(string stackName, IProgress<StackProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        StackInputRules.CheckStackName(stackName, nameof(stackName));
        // The newest event is read before the status: an end that lands between the two calls is then still a new
        // event for the watcher, never one it skips as already seen.
        var lastSeenEventId = await LatestEventIdOrNullAsync(stackName, cancellationToken).ConfigureAwait(false);
        var stack = await DescribeExistingAsync(stackName, cancellationToken).ConfigureAwait(false);
        if (stack.StackStatus.IsInProgress)
        {
            var changing = stack.StackStatus == StackStatus.CreateInProgress || stack.StackStatus == StackStatus.UpdateInProgress;
            var total = await ResourceCountAsync(stack.StackId, cancellationToken).ConfigureAwait(false);
            var outcome = await WatchChangeAsync(stack.StackId, stack.StackName, lastSeenEventId, progress, total, watchInstances: changing, null, cancellationToken).ConfigureAwait(false);
            if (outcome.Stack.StackStatus.IsFailed || outcome.InstanceFailure is not null)
            {
                throw FailureOf(outcome, []);
            }
            stack = outcome.Stack;
        }
        // A deleted stack has no capacity left to read.
        return stack.StackStatus == StackStatus.DeleteComplete ? Result(stack) : await WithCapacityAsync(Result(stack), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Asks CloudFormation whether a template is valid and what it declares.</summary>
    /// <exception cref="AwsServiceException">The template is invalid (ValidationError with CloudFormation's reason).</exception>
    public Task<TemplateValidation> ValidateTemplateAsync(string templateBody, CancellationToken cancellationToken = default)
    {
        StackInputRules.CheckTemplateBody(templateBody, nameof(templateBody));
        return _aws.CloudFormation.ValidateTemplateAsync(templateBody, cancellationToken);
    }

    private async Task<(string StackId, string StackName)> SubmitCreateAsync(CreateStackRequest request, CancellationToken cancellationToken)
    {
        var stackName = request.StackName ?? DefaultStackName.For(Environment.UserName, _time.GetLocalNow());
        StackInputRules.CheckStackName(stackName, nameof(request));
        StackInputRules.CheckTemplateBody(request.TemplateBody, nameof(request));
        StackInputRules.CheckParameters(request.Parameters, nameof(request));
        StackInputRules.CheckTags(request.Tags, nameof(request));

        var tags = request.Tags.Append(new(StackKitTags.ManagedBy, StackKitTags.ManagedByValue)).ToList();
        var change = new StackChange(
            stackName, request.TemplateBody, [.. request.Parameters.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))], request.Capabilities, tags, NewRequestToken("create"));
        var stackId = await _aws.CloudFormation.CreateStackAsync(change, OnFailureName(request.OnFailure), cancellationToken).ConfigureAwait(false);
        return (stackId, stackName);
    }

    /// <summary>Watches a change AWS accepted; a failure to watch says the stack exists rather than hiding it.</summary>
    private async Task<StackWatchOutcome> WatchChangeAsync(
        string stackId, string stackName, string? lastSeenEventId, IProgress<StackProgress>? progress, int resourceTotal, bool watchInstances, RollbackWatch? rollbackWatch,
        CancellationToken cancellationToken)
    {
        try
        {
            return await _watcher.WatchAsync(stackId, stackName, lastSeenEventId, progress, resourceTotal, watchInstances, rollbackWatch, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException error)
        {
            throw new StackWatchFailedException(stackName, stackId, Region, error);
        }
    }

    /// <summary>How many resources the stack has now: the denominator of an update's, delete's or watch's progress.</summary>
    private async Task<int> ResourceCountAsync(string stackId, CancellationToken cancellationToken)
    {
        try
        {
            return (await _aws.CloudFormation.DescribeStackResourcesAsync(stackId, cancellationToken).ConfigureAwait(false)).Count;
        }
        catch (AwsServiceException error) when (error.ErrorCode == "ValidationError")
        {
            return 0;
        }
    }

    private static bool IsManaged(CloudFormationStack stack) =>
        stack.Tags.TryGetValue(StackKitTags.ManagedBy, out var by) && by == StackKitTags.ManagedByValue;

    private HttpServiceStack Result(CloudFormationStack stack, StackCapacity? capacity = null) =>
        HttpServiceStack.From(stack, Region, _aws.EndpointUrl, capacity);

    /// <summary>The stack with its live capacity read now.</summary>
    internal async Task<HttpServiceStack> WithCapacityAsync(HttpServiceStack stack, CancellationToken cancellationToken) =>
        stack with { Capacity = await _capacity.ReadAsync(stack.StackId, stack.Outputs, cancellationToken).ConfigureAwait(false) };

    /// <summary>The stack with its alarm e-mail's subscription read now (no call for a stack without one).</summary>
    internal async Task<HttpServiceStack> WithSubscriptionAsync(HttpServiceStack stack, CancellationToken cancellationToken) =>
        stack with { NotificationSubscription = await _subscriptions.ReadAsync(stack, cancellationToken).ConfigureAwait(false) };

    /// <summary>One stack's detail view: its capacity and its alarm e-mail's subscription, read at once.</summary>
    private async Task<HttpServiceStack> DetailedAsync(HttpServiceStack stack, Func<CancellationToken, Task<StackCapacity?>> capacity, CancellationToken cancellationToken)
    {
        var reading = capacity(cancellationToken);
        var subscription = _subscriptions.ReadAsync(stack, cancellationToken);
        await Task.WhenAll(reading, subscription).ConfigureAwait(false);
        return stack with { Capacity = await reading.ConfigureAwait(false), NotificationSubscription = await subscription.ConfigureAwait(false) };
    }

    /// <summary>The stack, refused unless it exists and StackKit created it (a mistyped name must not act on someone else's).</summary>
    /// <exception cref="StackNotFoundException">There is no such stack.</exception>
    /// <exception cref="StackNotManagedException">The stack lacks the <see cref="StackKitTags.ManagedBy"/> tag.</exception>
    internal async Task<CloudFormationStack> DescribeManagedAsync(string stackName, string action, CancellationToken cancellationToken)
    {
        var stack = await DescribeExistingAsync(stackName, cancellationToken).ConfigureAwait(false);
        RequireManaged(stack, action);
        return stack;
    }

    /// <summary>Refuses a stack StackKit did not create.</summary>
    /// <exception cref="StackNotManagedException">The stack lacks the <see cref="StackKitTags.ManagedBy"/> tag.</exception>
    internal void RequireManaged(CloudFormationStack stack, string action)
    {
        if (!IsManaged(stack))
        {
            throw new StackNotManagedException(stack.StackName, stack.StackId, Region, action);
        }
    }

    private async Task<string?> LatestEventIdOrNullAsync(string stackName, CancellationToken cancellationToken)
    {
        try
        {
            return await _watcher.LatestEventIdAsync(stackName, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException error) when (error.ErrorCode == "ValidationError")
        {
            // No such stack: DescribeExistingAsync says so clearly next.
            return null;
        }
    }

    private async Task<CloudFormationStack> DescribeExistingAsync(string stackName, CancellationToken cancellationToken) =>
        await _aws.CloudFormation.DescribeStackAsync(stackName, cancellationToken).ConfigureAwait(false)
        ?? throw new StackNotFoundException(stackName, Region);

    private StackOperationException FailureOf(StackWatchOutcome outcome, List<FailedResource> blocking)
    {
        var stack = outcome.Stack;
        var rootCause = StackFailureDiagnosis.RootCause(outcome.Events) ?? (blocking.Count > 0 ? blocking[0] : null);
        var nextStep = outcome.InstanceFailure is null
            ? StackFailureDiagnosis.NextStep(stack.StackName, stack.StackStatus)
            : StackFailureDiagnosis.NextStepWhileFailing(stack.StackName, stack.StackStatus);
        return new StackOperationException(stack.StackName, stack.StackId, Region, stack.StackStatus, rootCause, blocking, nextStep, outcome.InstanceFailure);
    }

    private static string OnFailureName(StackFailureAction action) => action switch
    {
        StackFailureAction.Rollback => "ROLLBACK",
        StackFailureAction.Delete => "DELETE",
        StackFailureAction.DoNothing => "DO_NOTHING",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown failure action."),
    };

    /// <summary>An idempotency token: a retried call after a dropped connection is recognised as the same request.</summary>
    private static string NewRequestToken(string operation) => $"stackkit-{operation}-{Guid.NewGuid():N}";
}
