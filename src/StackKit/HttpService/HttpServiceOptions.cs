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

    /// <summary>
    /// Whether the containers' output goes to a CloudWatch Logs group of the stack's (Docker's awslogs driver, one
    /// stream per instance named by its id; retention parameter <c>LogRetentionDays</c>, default 14). True by default;
    /// it needs the instance role of <see cref="FleetKeyStore"/>, so without the key store there are no central logs.
    /// </summary>
    public bool CentralLogs { get; set; } = true;

    /// <summary>
    /// An ACM certificate's ARN: the service then runs behind an Application Load Balancer with HTTPS on 443 (TLS 1.3
    /// policy <see cref="TlsPolicy"/>), port 80 only redirecting to it (301), and a URL of https://. Null (the
    /// default): plain HTTP on port 80, as the original.
    /// </summary>
    public string? CertificateArn { get; set; }

    /// <summary>A DNS name (e.g. api.example.com) for an alias record to the load balancer; needs <see cref="CertificateArn"/> and <see cref="HostedZoneId"/>.</summary>
    public string? DomainName { get; set; }

    /// <summary>The Route 53 hosted zone <see cref="DomainName"/> is created in, e.g. Z0123456789ABCDEFGHIJ.</summary>
    public string? HostedZoneId { get; set; }

    /// <summary>The addresses that may reach the load balancer, as IPv4 CIDRs; default 0.0.0.0/0 (everyone), as the original.</summary>
    public IReadOnlyList<string> AllowedCidrs { get; set; } = [AnyAddress];

    /// <summary>
    /// Adds target tracking beside the requests-per-minute rule, adding servers only: average CPU (parameter
    /// <c>CpuTargetPercent</c>, default 50) and, with an Application Load Balancer, requests per server (parameter
    /// <c>RequestsPerServerTarget</c>, default 1000 a minute). A server is then removed only in a minute under 20
    /// requests in which the servers left stay under the CPU target, so no policy undoes another. False by default.
    /// </summary>
    public bool CpuScaling { get; set; }

    /// <summary>
    /// An e-mail address for an SNS topic that alarms notify: hosts unhealthy for 10 minutes, backend 5XX errors over
    /// the <c>Backend5xxThreshold</c> parameter (default 10 in 5 minutes), and instances the group cannot launch. The
    /// address must confirm the subscription. Null (the default): no topic and no alarms.
    /// </summary>
    public string? NotificationEmail { get; set; }

    /// <summary>The port the service listens on inside its container (ASP.NET Core's default for non-root containers).</summary>
    public int ContainerPort { get; set; } = 8080;

    /// <summary>The TLS policy of the HTTPS listener: TLS 1.3 and 1.2 only.</summary>
    public const string TlsPolicy = "ELBSecurityPolicy-TLS13-1-2-2021-06";

    private const string AnyAddress = "0.0.0.0/0";

    /// <summary>Security groups take 60 rules; each CIDR needs one or two (80, and 443 with a certificate).</summary>
    private const int MaxAllowedCidrs = 25;

    private static readonly Regex CertificateArnPattern = new(@"^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[A-Za-z0-9-]+$", RegexOptions.CultureInvariant);
    private static readonly Regex DomainNamePattern = new(@"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$", RegexOptions.CultureInvariant);
    private static readonly Regex HostedZoneIdPattern = new("^Z[A-Z0-9]{1,32}$", RegexOptions.CultureInvariant);
    private static readonly Regex EmailPattern = new(@"^[A-Za-z0-9._%+-]{1,64}@([A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,63}$", RegexOptions.CultureInvariant);
    private static readonly Regex CidrPattern = new(HttpServiceTemplate.CidrPattern, RegexOptions.CultureInvariant);

    /// <summary>Whether the template has central logs: asked for, and the instance role there to write them.</summary>
    internal bool HasCentralLogs => CentralLogs && FleetKeyStore;

    /// <summary>The load balancer the template has: a certificate implies the Application Load Balancer.</summary>
    internal LoadBalancerKind EffectiveLoadBalancer => CertificateArn is null ? LoadBalancer : LoadBalancerKind.Application;

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
        ValidateProduction();
        if (ContainerPort is < 1 or > 65535)
        {
            throw new ArgumentException($"ContainerPort {ContainerPort} is not a TCP port; use 1 to 65535 (8080 for ASP.NET Core images).", nameof(ContainerPort));
        }
    }

    private void ValidateProduction()
    {
        CheckOptionalValue(nameof(CertificateArn), CertificateArn);
        if ((DomainName is null) != (HostedZoneId is null) || (DomainName is not null && CertificateArn is null))
        {
            throw new ArgumentException("DomainName needs HostedZoneId and CertificateArn (a certificate for that name); give all three, or leave out DomainName and HostedZoneId.", nameof(DomainName));
        }
        CheckOptionalValue(nameof(DomainName), DomainName);
        CheckOptionalValue(nameof(HostedZoneId), HostedZoneId);
        if (AllowedCidrs is null || AllowedCidrs.Count is 0 or > MaxAllowedCidrs)
        {
            throw new ArgumentException($"AllowedCidrs needs 1 to {MaxAllowedCidrs} IPv4 CIDRs, such as 203.0.113.0/24; 0.0.0.0/0 allows everyone.", nameof(AllowedCidrs));
        }
        foreach (var cidr in AllowedCidrs)
        {
            CheckValue(nameof(AllowedCidrs), cidr);
        }
        if (AllowedCidrs.Distinct(StringComparer.Ordinal).Count() != AllowedCidrs.Count)
        {
            throw new ArgumentException("AllowedCidrs names a CIDR twice; give each once.", nameof(AllowedCidrs));
        }
        CheckOptionalValue(nameof(NotificationEmail), NotificationEmail);
    }

    private static void CheckOptionalValue(string option, string? value)
    {
        if (value is not null)
        {
            CheckValue(option, value);
        }
    }

    /// <summary>
    /// Checks one value of a production option on its own (the rules between options aside), as <see cref="Validate"/>
    /// does: the cmdlets refuse a bad value at binding with the same words.
    /// </summary>
    /// <exception cref="ArgumentException">The value is not one the option takes; the message says which would be.</exception>
    internal static void CheckValue(string option, string value)
    {
        var (pattern, refusal) = option switch
        {
            nameof(CertificateArn) => (CertificateArnPattern, $"CertificateArn '{value}' is not an ACM certificate ARN; use one like arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-...."),
            nameof(DomainName) => (DomainNamePattern, $"DomainName '{value}' is not a DNS name; use lower-case letters, digits and hyphens, such as api.example.com."),
            nameof(HostedZoneId) => (HostedZoneIdPattern, $"HostedZoneId '{value}' is not a Route 53 hosted zone id; use one like Z0123456789ABCDEFGHIJ (aws route53 list-hosted-zones)."),
            nameof(AllowedCidrs) => (CidrPattern, $"AllowedCidrs: '{value}' is not an IPv4 CIDR block; use one such as 203.0.113.0/24."),
            nameof(NotificationEmail) => (EmailPattern, $"NotificationEmail '{value}' is not an e-mail address; use one such as ops@example.com."),
            _ => throw new ArgumentOutOfRangeException(nameof(option), option, "Not a production option."),
        };
        if (value is null || !pattern.IsMatch(value))
        {
            throw new ArgumentException(refusal, option);
        }
    }

    internal static string DockerImageAllowedPattern => DockerImagePattern.ToString();

    internal static string InstanceTypeAllowedPattern => InstanceTypePattern.ToString();
}
