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
    public PreflightException(string check, string region, string message)
        : base(message)
    {
        Check = check;
        Region = region;
    }

    /// <summary>The check that failed: <c>KeyPair</c>, <c>Ami</c>, <c>InstanceType</c>, <c>DockerImage</c>, <c>Certificate</c> or <c>HostedZone</c>.</summary>
    public string Check { get; }

    /// <summary>The region the check looked in.</summary>
    public string Region { get; }
}
