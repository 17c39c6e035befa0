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
        var failures = events.Where(e => !e.IsAboutStack && e.ResourceStatus.EndsWith("_FAILED", StringComparison.Ordinal)).ToList();
        var cause = failures.FirstOrDefault(e => !IsConsequence(e.ResourceStatusReason)) ?? failures.FirstOrDefault();
        return cause is null ? null : new FailedResource(cause.LogicalResourceId, cause.ResourceType, cause.ResourceStatus, cause.ResourceStatusReason);
    }

    /// <summary>What to do about a stack left in <paramref name="status"/>.</summary>
    public static string NextStep(string stackName, string status) => status switch
    {
        "ROLLBACK_COMPLETE" =>
            $"Its resources were removed but the stack remains and cannot be updated: fix the cause, delete stack '{stackName}' and create it again.",
        "ROLLBACK_FAILED" =>
            $"Some resources could not be removed during rollback: delete stack '{stackName}'; if that fails, remove the resources it names by hand and delete again.",
        "CREATE_FAILED" =>
            $"The resources created so far are kept for inspection (OnFailure=DoNothing): delete stack '{stackName}' when done.",
        "DELETE_COMPLETE" =>
            "The stack removed itself (OnFailure=Delete): nothing is left to clean up; fix the cause and create it again.",
        "UPDATE_ROLLBACK_COMPLETE" =>
            "The stack rolled back and runs its previous configuration: fix the cause and update again.",
        "UPDATE_ROLLBACK_FAILED" =>
            "The rollback could not finish: fix the resources it names, then continue the rollback (aws cloudformation continue-update-rollback) before updating again.",
        "DELETE_FAILED" =>
            $"Remove or detach the blocking resources (a non-empty bucket, a resource used outside the stack), then delete stack '{stackName}' again.",
        _ => $"Check the stack's events (aws cloudformation describe-stack-events --stack-name {stackName}).",
    };

    private static bool IsConsequence(string? reason) =>
        reason is not null && ConsequenceReasons.Any(r => reason.StartsWith(r, StringComparison.Ordinal));
}
