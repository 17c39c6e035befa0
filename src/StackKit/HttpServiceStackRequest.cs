using System.Net;
using StackKit.HttpService;

namespace StackKit;

/// <summary>
/// An HTTP service stack to deploy: the template's shape, a value per template parameter, and tags. Every value is
/// checked before any call to AWS; a bad one is an <see cref="ArgumentException"/> whose
/// <see cref="ArgumentException.ParamName"/> is the property's name.
/// </summary>
public sealed class HttpServiceStackRequest
{
    /// <summary>The stack name; null means <c>&lt;user&gt;-&lt;yyyyMMdd-HHmmss&gt;</c> (local time).</summary>
    public string? StackName { get; init; }

    /// <summary>The Docker image the servers run; null means this release's published image.</summary>
    public string? DockerImage { get; init; }

    /// <summary>The servers' EC2 instance type; null means t3.micro (or <see cref="HttpServiceOptions.DefaultInstanceType"/>).</summary>
    public string? InstanceType { get; init; }

    /// <summary>The EC2 key pair for SSH; null means none.</summary>
    public string? SshKeyName { get; init; }

    /// <summary>The addresses (IPv4 CIDR) SSH is allowed from; null means the template's default, which allows none from the internet.</summary>
    public string? SshCidr { get; init; }

    /// <summary>The AMI; null means the latest Amazon Linux 2023 (or <see cref="HttpServiceOptions.AmiId"/>).</summary>
    public string? AmiId { get; init; }

    /// <summary>
    /// The user name and password <c>POST /add_public_key</c> accepts (the <c>ServiceUsername</c> and NoEcho
    /// <c>ServicePasswordHash</c> parameters: only the password's salted PBKDF2 hash leaves this process); null keeps
    /// the server's defaults. The password takes 12 to 128 characters, none a control character.
    /// </summary>
    public NetworkCredential? ServiceCredential { get; init; }

    /// <summary>What shapes the template (load balancer kind, SSH access, the fleet key store, a baked-in AMI); the defaults when null.</summary>
    public HttpServiceOptions? Template { get; init; }

    /// <summary>Extra stack tags, propagated by CloudFormation to every resource that takes tags. Keys starting with <c>aws:</c> are refused.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Skips the checks before CreateStack (key pair, AMI, instance type offerings, image in its registry); a warning
    /// says so. False by default: a value that would fail every launch is refused in seconds instead.
    /// </summary>
    public bool SkipPreflight { get; init; }

    /// <summary>Where the checks' warnings go (a mutable image tag, an unreachable registry, skipped checks); null drops them.</summary>
    public IProgress<PreflightWarning>? Warnings { get; init; }

    /// <summary>The given values by template parameter name; unset ones are left out.</summary>
    internal Dictionary<string, string> GivenParameters() => HttpServiceStackValues.ByParameter(DockerImage, InstanceType, SshKeyName, SshCidr, AmiId, ServiceCredential);
}
