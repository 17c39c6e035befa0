using StackKit.Aws;
using StackKit.Aws.CloudFormation;

namespace StackKit.Stacks;

/// <summary>
/// CloudFormation's drift detection for a stack: runs it and waits (<see cref="DetectAsync"/>), or reads what the last
/// run found (<see cref="LastResultAsync"/>), which costs no call when the stack had not drifted.
/// </summary>
internal sealed class DriftDetection(StackLifecycle lifecycle)
{
    /// <summary>
    /// Detection takes seconds for a stack of StackKit's size and minutes for large ones; past this the wait is given
    /// up and CloudFormation carries on.
    /// </summary>
    internal static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    // The statuses worth naming (botocore allows at most 4 filters): changed outside CloudFormation, or not checked.
    private static readonly ResourceDriftStatus[] Reported =
        [ResourceDriftStatus.Modified, ResourceDriftStatus.Deleted, ResourceDriftStatus.Unknown, ResourceDriftStatus.Unsupported];

    private CloudFormationClient CloudFormation => lifecycle.Connection.CloudFormation;

    private string Region => lifecycle.Connection.Region.SystemName;

    /// <summary>Runs drift detection on every resource of the stack, waits for it, and reads what it found.</summary>
    /// <exception cref="StackNotFoundException">No stack has that name.</exception>
    /// <exception cref="StackNotManagedException">The stack was not created by StackKit; nothing was sent.</exception>
    /// <exception cref="StackException">The stack is busy, CloudFormation refused detection, or it did not finish in time.</exception>
    public async Task<StackDrift> DetectAsync(string stackName, CancellationToken cancellationToken)
    {
        StackInputRules.CheckStackName(stackName, nameof(stackName));
        var stack = await CloudFormation.DescribeStackAsync(stackName, cancellationToken).ConfigureAwait(false)
            ?? throw new StackNotFoundException(stackName, Region);
        lifecycle.RequireManaged(stack, "detect drift of");
        if (stack.StackStatus.IsInProgress)
        {
            throw new StackException(
                $"Stack '{stack.StackName}' is {stack.StackStatus}: CloudFormation detects drift only on a stack at rest. Nothing was sent. " +
                $"Wait for it (Get-HttpServiceStack {stack.StackName} -Wait), then detect drift.",
                stack.StackName, stack.StackId, Region);
        }
        string detectionId;
        try
        {
            detectionId = await CloudFormation.DetectStackDriftAsync(stack.StackId, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException refused) when (refused.ErrorCode == "ValidationError")
        {
            throw new StackException(
                $"CloudFormation refused to detect drift on stack '{stack.StackName}' ({stack.StackStatus}): {refused.ErrorMessage}",
                stack.StackName, stack.StackId, Region, refused);
        }
        var detection = await WaitAsync(stack, detectionId, cancellationToken).ConfigureAwait(false);
        return new StackDrift
        {
            StackName = stack.StackName,
            Status = detection.StackDriftStatus ?? StackDriftStatus.Unknown,
            CheckedAt = detection.Timestamp,
            DetectionFailure = detection.DetectionStatus == DriftDetectionStatus.Failed ? detection.Reason ?? "CloudFormation gave no reason." : null,
            Resources = await ResourcesAsync(stack.StackId, cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>
    /// What the last detection found, from the stack as DescribeStacks gave it: no further call unless it had drifted,
    /// then one call per page of results to name the resources. A refused or failed read of those (a caller without
    /// <c>cloudformation:DescribeStackResourceDrifts</c>) is reported in <see cref="StackDrift.DetectionFailure"/>,
    /// so that what reads it, such as a preview, still works.
    /// </summary>
    public async Task<StackDrift> LastResultAsync(CloudFormationStack stack, CancellationToken cancellationToken)
    {
        var status = stack.DriftStatus ?? StackDriftStatus.NotChecked;
        var drift = new StackDrift { StackName = stack.StackName, Status = status, CheckedAt = status == StackDriftStatus.NotChecked ? null : stack.DriftCheckedAt };
        if (status != StackDriftStatus.Drifted)
        {
            return drift;
        }
        try
        {
            return drift with { Resources = await ResourcesAsync(stack.StackId, cancellationToken).ConfigureAwait(false) };
        }
        catch (AwsServiceException unread)
        {
            return drift with { DetectionFailure = $"StackKit could not read which resources drifted: {unread.Message}" };
        }
    }

    private async Task<DriftDetectionStatus> WaitAsync(CloudFormationStack stack, string detectionId, CancellationToken cancellationToken)
    {
        var deadline = lifecycle.Time.GetUtcNow() + Timeout;
        for (var poll = 0; ; poll++)
        {
            await lifecycle.Time.DelayAsync(lifecycle.Schedule.DelayBefore(poll), cancellationToken).ConfigureAwait(false);
            var detection = await CloudFormation.DescribeStackDriftDetectionStatusAsync(detectionId, cancellationToken).ConfigureAwait(false);
            if (detection.DetectionStatus != DriftDetectionStatus.InProgress)
            {
                return detection;
            }
            if (lifecycle.Time.GetUtcNow() >= deadline)
            {
                throw new StackException(
                    $"Drift detection of stack '{stack.StackName}' did not finish within {Timeout.TotalMinutes} minutes; CloudFormation carries on. " +
                    $"Read its result later: aws cloudformation describe-stack-drift-detection-status --stack-drift-detection-id {detectionId}",
                    stack.StackName, stack.StackId, Region);
            }
        }
    }

    // Changed or deleted first, then the resources CloudFormation could not check; each group by logical id.
    private async Task<IReadOnlyList<ResourceDrift>> ResourcesAsync(string stackId, CancellationToken cancellationToken) =>
        [.. (await CloudFormation.DescribeStackResourceDriftsAsync(stackId, Reported, cancellationToken).ConfigureAwait(false))
            .OrderBy(resource => resource.Status.IsDrifted ? 0 : 1)
            .ThenBy(resource => resource.LogicalId, StringComparer.Ordinal)];
}
