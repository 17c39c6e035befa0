namespace StackKit.Stacks;

/// <summary>The outcome of a delete.</summary>
/// <param name="Outcome">Deleted, or did not exist.</param>
/// <param name="StackName">The name asked for.</param>
/// <param name="StackId">The deleted stack's ARN; null when it did not exist.</param>
public sealed record StackDeleteResult(StackDeleteOutcome Outcome, string StackName, string? StackId);
