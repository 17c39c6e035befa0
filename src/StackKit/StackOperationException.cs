namespace StackKit;

/// <summary>
/// A stack operation ended in failure. Says why (the earliest failed resource and its reason, not just the final
/// status), what state the stack is left in, and what to do next. When the instances showed that it cannot succeed
/// (launches failing, a boot that failed), the wait ended early: <see cref="InstanceFailure"/> says why, and the stack
/// is still in progress.
/// </summary>
public sealed class StackOperationException : StackException
{
    /// <summary>The operation on the stack ended in <paramref name="stackStatus"/>.</summary>
    /// <param name="stackName">The stack's name.</param>
    /// <param name="stackId">The stack's ARN.</param>
    /// <param name="region">The stack's region.</param>
    /// <param name="stackStatus">The status the stack was left in.</param>
    /// <param name="rootCause">The earliest resource that failed; null when CloudFormation named none.</param>
    /// <param name="blockingResources">For DELETE_FAILED, every resource that could not be deleted.</param>
    /// <param name="nextStep">What the user should do now.</param>
    /// <param name="instanceFailure">Why the instances cannot come up, when that ended the wait early.</param>
    public StackOperationException(
        string stackName, string stackId, string region, StackStatus stackStatus, FailedResource? rootCause, IReadOnlyList<FailedResource> blockingResources,
        string nextStep, InstanceFailure? instanceFailure = null)
        : base(Describe(stackName, stackStatus, rootCause, blockingResources ?? [], nextStep, instanceFailure), stackName, stackId, region)
    {
        InstanceFailure = instanceFailure;
        StackStatus = stackStatus;
        RootCause = rootCause;
        BlockingResources = blockingResources ?? [];
        NextStep = nextStep;
    }

    /// <summary>The status the stack was left in, e.g. ROLLBACK_COMPLETE or DELETE_FAILED.</summary>
    public StackStatus StackStatus { get; }

    /// <summary>The earliest resource that failed and why; null when CloudFormation named none.</summary>
    public FailedResource? RootCause { get; }

    /// <summary>For DELETE_FAILED: every resource that could not be deleted. Empty otherwise.</summary>
    public IReadOnlyList<FailedResource> BlockingResources { get; }

    /// <summary>What the user should do now, in one or two sentences.</summary>
    public string NextStep { get; }

    /// <summary>Why the instances cannot come up, read from Auto Scaling and the instance's console; null when the wait ran to its end.</summary>
    public InstanceFailure? InstanceFailure { get; }

    private static string Describe(
        string stackName, StackStatus stackStatus, FailedResource? rootCause, IReadOnlyList<FailedResource> blockingResources, string nextStep, InstanceFailure? instanceFailure)
    {
        if (instanceFailure is not null)
        {
            var state = stackStatus.IsInProgress ? $"still {stackStatus}" : stackStatus.ToString();
            return $"Stack '{stackName}' cannot succeed ({state}): {instanceFailure.ToString().TrimEnd('.')}. {nextStep}";
        }
        var cause = rootCause is null ? "CloudFormation named no failed resource" : $"root cause: {rootCause}";
        var blocking = blockingResources.Count == 0
            ? ""
            : " Blocking resources: " + string.Join("; ", blockingResources) + ".";
        return $"Stack '{stackName}' ended in {stackStatus}; {cause}.{blocking} {nextStep}";
    }
}
