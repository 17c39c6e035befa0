namespace StackKit.Stacks;

/// <summary>The outcome of an update and the stack as it now is.</summary>
public sealed record StackUpdateResult(StackUpdateOutcome Outcome, StackInfo Stack);
