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

    /// <summary>
    /// What to build when <see cref="DockerImage"/> is null and the checks find the default image missing from its
    /// registry (it answered "not there", not "no answer"; with <see cref="SkipPreflight"/> nothing is looked up): the stock server, <c>src/StackKit.Server</c> of a StackKit
    /// checkout, as <see cref="ImagePublishRequest.ProjectPath"/>. The create then runs in three steps on the same
    /// stack: (1) the stack is created holding only its own private ECR repository (the
    /// <see cref="HttpServiceOptions.ImageRepository"/> option's, kept when the stack is deleted), so it exists before
    /// any server boots; (2) the project is built with the .NET SDK and pushed there (or to
    /// <see cref="ImagePublishRequest.Repository"/> when set; leave <see cref="ImagePublishRequest.StackName"/> unset);
    /// (3) the stack is updated to the full service, with that repository, running the pushed image by digest. A build
    /// or push that fails stops before (3): a <see cref="StackException"/> says what is left and how to remove it. Null
    /// (the default) refuses a missing default image; an image that is there is deployed as always. Needs
    /// <see cref="HttpServiceOptions.FleetKeyStore"/> (the instance role pulls from the repository) and the wait of
    /// <see cref="IHttpServiceStacks.CreateAsync"/>.
    /// </summary>
    public ImagePublishRequest? BuildImage { get; init; }

    /// <summary>Where a <see cref="BuildImage"/> create reports which step runs and the build's own lines; null drops them.</summary>
    public IProgress<string>? BuildProgress { get; init; }

    /// <summary>The given values by template parameter name; unset ones are left out.</summary>
    internal Dictionary<string, string> GivenParameters() => HttpServiceStackValues.ByParameter(DockerImage, InstanceType, SshKeyName, SshCidr, AmiId, ServiceCredential);

    /// <summary>The instance type the stack launches: <see cref="InstanceType"/>, or the template's default from <paramref name="options"/>.</summary>
    internal string InstanceTypeFor(HttpServiceOptions options) => InstanceType ?? options.DefaultInstanceType;
}
