namespace StackKit;

/// <summary>Something a check before deploying found worth saying that does not stop the deploy.</summary>
/// <param name="Check">What warns: one of the checks, <see cref="PreflightCheck.ServiceCredential"/>, or <see cref="PreflightCheck.Preflight"/> for all of them.</param>
/// <param name="Message">What was found and what to do about it.</param>
public sealed record PreflightWarning(PreflightCheck Check, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Message;
}
