using System.Text.RegularExpressions;
using StackKit.HttpService;

namespace StackKit;

/// <summary>
/// What shapes the HTTP service template. The defaults give the checked-in <c>templates/http-service.*</c>;
/// per-stack choices (image, instance type, key pair) stay template parameters.
/// </summary>
public sealed class HttpServiceOptions
{
    /// <summary>The public SSM parameter holding the latest Amazon Linux 2023 AMI id for x86_64.</summary>
    public const string AmazonLinux2023SsmParameter = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";

    private static readonly Regex AmiIdPattern = new("^ami-[0-9a-f]{8}([0-9a-f]{9})?$", RegexOptions.CultureInvariant);
    private static readonly Regex DockerImagePattern = new("^[A-Za-z0-9][A-Za-z0-9._/:@-]*$", RegexOptions.CultureInvariant);
    private static readonly Regex InstanceTypePattern = new(@"^[a-z][a-z0-9-]*\.[a-z0-9]+$", RegexOptions.CultureInvariant);
    private static readonly Regex SsmNamePattern = new("^/[A-Za-z0-9_./-]+$", RegexOptions.CultureInvariant);

    /// <summary>The load balancer; <see cref="LoadBalancerKind.Classic"/> by default, like the original service.</summary>
    public LoadBalancerKind LoadBalancer { get; set; } = LoadBalancerKind.Classic;

    /// <summary>
    /// Whether the template offers SSH: the optional <c>SshKeyName</c> and <c>SshCidr</c> parameters and the
    /// port-22 rule. False leaves them out entirely.
    /// </summary>
    public bool SshAccess { get; set; } = true;

    /// <summary>
    /// Whether the servers share one SSH key store: a DynamoDB table of the stack's own (output <c>KeyTable</c>),
    /// which every server syncs its <c>authorized_keys</c> from, and an instance role allowed only to add keys to it
    /// and read it (so creating the stack needs <c>CAPABILITY_IAM</c>, which StackKit passes). True by default.
    /// False gives the template without any IAM resource, for accounts that may not create roles: each server then
    /// keeps the keys posted to it alone, and a server started later has none of them.
    /// </summary>
    public bool FleetKeyStore { get; set; } = true;

    /// <summary>
    /// An AMI id to bake in as the <c>AmiId</c> default, instead of looking up the latest Amazon Linux 2023 in
    /// SSM at deploy time. Null (the default) keeps the SSM lookup.
    /// </summary>
    public string? AmiId { get; set; }

    /// <summary>The SSM parameter the AMI comes from when neither <see cref="AmiId"/> nor the <c>AmiId</c> parameter sets one.</summary>
    public string AmiSsmParameter { get; set; } = AmazonLinux2023SsmParameter;

    /// <summary>The <c>DockerImage</c> parameter's default: this release's published image (<see cref="ReleaseImage.Reference"/>).</summary>
    public string DefaultDockerImage { get; set; } = ReleaseImage.Reference;

    /// <summary>The <c>InstanceType</c> parameter's default.</summary>
    public string DefaultInstanceType { get; set; } = "t3.micro";

    /// <summary>The port the service listens on inside its container (ASP.NET Core's default for non-root containers).</summary>
    public int ContainerPort { get; set; } = 8080;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad option and how to fix it.</summary>
    public void Validate()
    {
        if (LoadBalancer is not (LoadBalancerKind.Classic or LoadBalancerKind.Application))
        {
            throw new ArgumentException($"LoadBalancer {(int)LoadBalancer} is not a LoadBalancerKind; use Classic or Application.", nameof(LoadBalancer));
        }
        if (AmiId is not null && !AmiIdPattern.IsMatch(AmiId))
        {
            throw new ArgumentException($"AmiId '{AmiId}' is not an AMI id; use one like ami-0123456789abcdef0, or null for the latest Amazon Linux 2023.", nameof(AmiId));
        }
        if (AmiSsmParameter is null || !SsmNamePattern.IsMatch(AmiSsmParameter))
        {
            throw new ArgumentException($"AmiSsmParameter '{AmiSsmParameter}' is not an SSM parameter name; use a path such as {AmazonLinux2023SsmParameter}.", nameof(AmiSsmParameter));
        }
        if (DefaultDockerImage is null || !DockerImagePattern.IsMatch(DefaultDockerImage))
        {
            throw new ArgumentException($"DefaultDockerImage '{DefaultDockerImage}' is not an image reference; use one like registry/name:tag (letters, digits, . _ / : @ -).", nameof(DefaultDockerImage));
        }
        if (DefaultInstanceType is null || !InstanceTypePattern.IsMatch(DefaultInstanceType))
        {
            throw new ArgumentException($"DefaultInstanceType '{DefaultInstanceType}' is not an instance type; use one like t3.micro.", nameof(DefaultInstanceType));
        }
        if (ContainerPort is < 1 or > 65535)
        {
            throw new ArgumentException($"ContainerPort {ContainerPort} is not a TCP port; use 1 to 65535 (8080 for ASP.NET Core images).", nameof(ContainerPort));
        }
    }

    internal static string DockerImageAllowedPattern => DockerImagePattern.ToString();

    internal static string InstanceTypeAllowedPattern => InstanceTypePattern.ToString();
}
