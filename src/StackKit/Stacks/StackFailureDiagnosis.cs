using StackKit.Aws.CloudFormation;

namespace StackKit.Stacks;

/// <summary>
/// Finds why an operation failed. A failure cascades: one resource fails, CloudFormation cancels its siblings
/// ("Resource creation cancelled") and rolls back, so the first failure that was not a cancellation is the cause.
/// </summary>
internal static class StackFailureDiagnosis
{
    private static readonly string[] ConsequenceReasons = ["Resource creation cancelled", "Resource update cancelled"];

    /// <summary>The earliest failed resource in <paramref name="events"/> (oldest first), or null if none failed.</summary>
    public static FailedResource? RootCause(IReadOnlyList<StackEvent> events)
    {
        var failures = events.Where(e => !e.IsAboutStack && e.ResourceStatus.Value.EndsWith("_FAILED", StringComparison.Ordinal)).ToList();
        var cause = failures.FirstOrDefault(e => !IsConsequence(e.ResourceStatusReason)) ?? failures.FirstOrDefault();
        return cause is null ? null : new FailedResource(cause.LogicalResourceId, cause.ResourceType, cause.ResourceStatus, cause.ResourceStatusReason);
    }

    /// <summary>What to do about a stack left in <paramref name="status"/>.</summary>
    public static string NextStep(string stackName, StackStatus status) => status switch
    {
        _ when status == StackStatus.RollbackComplete =>
            $"Its resources were removed but the stack remains and cannot be updated: fix the cause, delete stack '{stackName}' and create it again.",
        _ when status == StackStatus.RollbackFailed =>
            $"Some resources could not be removed during rollback: delete stack '{stackName}'; if that fails, remove the resources it names by hand and delete again.",
        _ when status == StackStatus.CreateFailed =>
            $"The resources created so far are kept for inspection (OnFailure=DoNothing): delete stack '{stackName}' when done.",
        _ when status == StackStatus.DeleteComplete =>
            "The stack removed itself (OnFailure=Delete): nothing is left to clean up; fix the cause and create it again.",
        _ when status == StackStatus.UpdateRollbackComplete =>
            "The stack rolled back and runs its previous configuration: fix the cause and update again.",
        _ when status == StackStatus.UpdateRollbackFailed =>
            "The rollback could not finish: fix the resources it names, then continue the rollback (aws cloudformation continue-update-rollback) before updating again.",
        _ when status == StackStatus.DeleteFailed =>
            $"Remove or detach the blocking resources (a non-empty bucket, a resource used outside the stack), then delete stack '{stackName}' again.",
        _ => $"Check the stack's events (aws cloudformation describe-stack-events --stack-name {stackName}).",
    };

    /// <summary>
    /// What to do about a stack whose wait ended early because its instances cannot come up: CloudFormation still
    /// works on it (<paramref name="status"/> is *_IN_PROGRESS) and will fail it on its own, up to the signal timeout later.
    /// </summary>
    public static string NextStepWhileFailing(string stackName, StackStatus status) => status switch
    {
        _ when status == StackStatus.CreateInProgress =>
            $"CloudFormation is still creating stack '{stackName}' and will roll it back on its own (at the latest when the instance signal times out, " +
            $"15 minutes after the group started): fix the cause, remove it now (aws cloudformation delete-stack --stack-name {stackName}) and create it again.",
        _ when status == StackStatus.UpdateInProgress =>
            $"CloudFormation is still updating stack '{stackName}' and will roll the update back on its own (at the latest when the signal times out); the previous " +
            $"instances keep serving. Roll back now with aws cloudformation cancel-update-stack --stack-name {stackName}, fix the cause and update again.",
        _ when status == StackStatus.RollbackInProgress || status == StackStatus.RollbackComplete || status == StackStatus.RollbackFailed =>
            $"CloudFormation is rolling stack '{stackName}' back: fix the cause, remove it (aws cloudformation delete-stack --stack-name {stackName}) and create it again.",
        _ => NextStep(stackName, status),
    };

    private static bool IsConsequence(string? reason) =>
        reason is not null && ConsequenceReasons.Any(r => reason.StartsWith(r, StringComparison.Ordinal));
}
