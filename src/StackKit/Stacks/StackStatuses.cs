namespace StackKit.Stacks;

/// <summary>What CloudFormation's stack status names mean for a waiting caller.</summary>
internal static class StackStatuses
{
    /// <summary>The stack is still changing (including cleanup and rollback phases).</summary>
    public static bool IsInProgress(string status) => status.EndsWith("_IN_PROGRESS", StringComparison.Ordinal);

    /// <summary>The operation the stack last ran did not succeed.</summary>
    public static bool IsFailure(string status) =>
        status.EndsWith("_FAILED", StringComparison.Ordinal) || status.Contains("ROLLBACK");
}
