namespace StackKit;

/// <summary>Something a check before deploying found worth saying that does not stop the deploy.</summary>
/// <param name="Check">The check that warns: <c>KeyPair</c>, <c>Ami</c>, <c>InstanceType</c>, <c>DockerImage</c>, <c>Certificate</c>, <c>HostedZone</c>, or <c>Preflight</c> for all of them.</param>
/// <param name="Message">What was found and what to do about it.</param>
public sealed record PreflightWarning(string Check, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Message;
}
