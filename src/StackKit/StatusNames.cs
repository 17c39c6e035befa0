namespace StackKit;

/// <summary>What CloudFormation's status names mean, by their shape (so a status AWS adds later still reads right).</summary>
internal static class StatusNames
{
    public static bool IsInProgress(string status) => status.EndsWith("_IN_PROGRESS", StringComparison.Ordinal);

    public static bool IsFailed(string status) =>
        status.EndsWith("_FAILED", StringComparison.Ordinal) || status.Contains("ROLLBACK");

    public static bool IsComplete(string status) => !IsInProgress(status) && !IsFailed(status) && status.EndsWith("_COMPLETE", StringComparison.Ordinal);
}
