namespace StackKit;

/// <summary>
/// A check before deploying found something that would make every instance fail to launch or to start (a missing
/// key pair, an AMI not in the region, an instance type not offered, an image no anonymous pull can get, a certificate
/// not issued or not covering the domain, a hosted zone that cannot hold its record). Nothing
/// was sent to CloudFormation; the message says what is wrong, where, and how to fix it.
/// </summary>
public sealed class PreflightException : StackKitException
{
    /// <summary>The check <paramref name="check"/> refused a value in <paramref name="region"/>.</summary>
    public PreflightException(PreflightCheck check, string region, string message)
        : base(message)
    {
        Check = check;
        Region = region;
    }

    /// <summary>The check that failed: <see cref="PreflightCheck.KeyPair"/>, <see cref="PreflightCheck.Ami"/>, <see cref="PreflightCheck.InstanceType"/>, <see cref="PreflightCheck.DockerImage"/>, <see cref="PreflightCheck.Certificate"/> or <see cref="PreflightCheck.HostedZone"/>.</summary>
    public PreflightCheck Check { get; }

    /// <summary>The region the check looked in.</summary>
    public string Region { get; }

    /// <summary>
    /// True when the refused image is the default one (no <c>DockerImage</c> was given) and its registry says it is not
    /// there: <see cref="HttpServiceStackRequest.BuildImage"/> would build the stock server into the stack's own
    /// repository in its place (New-HttpServiceStack asks, or takes -BuildImage).
    /// </summary>
    public bool DefaultImageMissing { get; init; }
}
