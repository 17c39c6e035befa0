namespace StackKit;

/// <summary>
/// What a <see cref="PreflightWarning"/> or a <see cref="PreflightException"/> is about: one of the checks before
/// deploying, the service credential, or the checks as a whole. In PowerShell a refusal's error id is
/// <c>PreflightFailed.</c> followed by the member's name, such as <c>PreflightFailed.KeyPair</c>.
/// </summary>
public enum PreflightCheck
{
    /// <summary>The EC2 key pair exists in the region.</summary>
    KeyPair,

    /// <summary>The AMI exists in the region, and the instance type runs its architecture.</summary>
    Ami,

    /// <summary>The instance type is offered in both zones the template's subnets use.</summary>
    InstanceType,

    /// <summary>The Docker image can be pulled anonymously from its registry, as the instances pull it.</summary>
    DockerImage,

    /// <summary>The HTTPS certificate exists in ACM in the stack's region, is issued, and covers the domain.</summary>
    Certificate,

    /// <summary>The Route 53 hosted zone exists, is public, and can hold the domain's record.</summary>
    HostedZone,

    /// <summary>The service credential: the default one, or a password still kept in clear text by an older stack.</summary>
    ServiceCredential,

    /// <summary>All the checks at once: they were skipped.</summary>
    Preflight,
}
