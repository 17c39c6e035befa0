namespace StackKit;

/// <summary>The outcome of an update and the stack as it now is.</summary>
/// <param name="Outcome">Updated, or nothing to change.</param>
/// <param name="Stack">The stack after the update.</param>
public sealed record StackUpdateResult(StackUpdateOutcome Outcome, HttpServiceStack Stack)
{
    /// <summary>Outcome and stack, e.g. <c>Updated: web (UPDATE_COMPLETE)</c>.</summary>
    public override string ToString() => $"{Outcome}: {Stack}";
}
