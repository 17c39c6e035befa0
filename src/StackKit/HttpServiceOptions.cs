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

    /// <summary>
    /// The public SSM parameter holding the recommended ECS-optimized Amazon Linux 2023 AMI id for x86_64, the default:
    /// it comes with Docker, so a first boot installs only the CloudFormation helper scripts.
    /// </summary>
    public const string EcsOptimizedAmazonLinux2023SsmParameter = "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id";

    internal const string DockerImagePattern = "^[A-Za-z0-9][A-Za-z0-9._/:@-]*$";
    private const string InstanceTypePattern = @"^[a-z][a-z0-9-]*\.[a-z0-9]+$";
    private const string SsmNamePattern = "^/[A-Za-z0-9_./-]+$";
    private const string EcrRepositoryArnPattern = "^arn:aws(-cn|-us-gov)?:ecr:[a-z]{2}(-[a-z]+)+-[0-9]:[0-9]{12}:repository/[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)*$";

    /// <summary>The load balancer; <see cref="LoadBalancerKind.Classic"/> by default.</summary>
    [TemplateOption("The load balancer: Classic or Application. A certificate brings an Application Load Balancer whatever this says.",
        Shape = OptionParameterShape.Value, Example = "Application")]
    public LoadBalancerKind LoadBalancer { get; set; } = LoadBalancerKind.Classic;

    /// <summary>
    /// Whether the template offers SSH: the optional <c>SshKeyName</c> and <c>SshCidr</c> parameters and the
    /// port-22 rule. False leaves them out entirely.
    /// </summary>
    [TemplateOption("SSH into the servers: the SshKeyName and SshCidr parameters and the port 22 rule. Without it there is no way in by SSH at all.",
        Shape = OptionParameterShape.NegatedSwitch, ParameterName = "NoSshAccess", OwnParameterSet = true)]
    public bool SshAccess { get; set; } = true;

    /// <summary>
    /// Whether the servers share one SSH key store: a DynamoDB table of the stack's own (output <c>KeyTable</c>),
    /// which every server syncs its <c>authorized_keys</c> from, and an instance role allowed only to add keys to it
    /// and read it (so creating the stack needs <c>CAPABILITY_IAM</c>, which StackKit passes). True by default.
    /// False gives the template without any IAM resource, for accounts that may not create roles: each server then
    /// keeps the keys posted to it alone, and a server started later has none of them.
    /// </summary>
    [TemplateOption("One SSH key store for all servers: a DynamoDB key table and an instance role, so the template needs CAPABILITY_IAM. " +
        "Without it the template has no IAM resource, for accounts that may not create roles: each server keeps only the keys POSTed to it, and the *-HttpServiceSshKey cmdlets do not apply.",
        Shape = OptionParameterShape.NegatedSwitch, ParameterName = "NoFleetKeyStore")]
    public bool FleetKeyStore { get; set; } = true;

    /// <summary>
    /// How many hours an SSH key added without a lifetime (a POST without <c>valid_for_seconds</c>, Add-HttpServiceSshKey
    /// without -ValidFor or -ExpiresAt) lets its holder in; 0 makes such keys never expire. Default 12: a working day and
    /// some, so a key nobody remembers to remove is gone by the next morning, while a day's work needs one add.
    /// </summary>
    [TemplateOption("How many hours an SSH key added without a lifetime (a POST without valid_for_seconds, Add-HttpServiceSshKey without -ValidFor or -ExpiresAt) lets its holder in; " +
        "sshd itself refuses it after that (expiry-time). 0 makes such keys never expire.",
        Minimum = 0, Maximum = MaxSshKeyLifetimeHours, Refusal = "{0} is not a key lifetime; give 1 to 8784 hours (366 days), or 0 for keys that never expire.",
        Update = OptionUpdate.Set, Shape = OptionParameterShape.Value, Example = "8", BeforeItExisted = 0)]
    public int SshKeyLifetimeHours { get; set; } = 12;

    /// <summary>
    /// Whether SSH keys may forward ports, the agent and X11: their lines then go without <c>restrict,pty</c>. False by
    /// default: a key gets a shell or a command, and cannot tunnel into the network behind the servers.
    /// </summary>
    [TemplateOption("SSH keys may forward ports, the agent and X11 (their authorized_keys lines go without restrict,pty). Without it a key gets a shell or a command and nothing else.",
        Update = OptionUpdate.Set, Shape = OptionParameterShape.Switch, BeforeItExisted = true)]
    public bool AllowSshForwarding { get; set; }

    /// <summary>
    /// Whether SSH keys need an approver: a key POSTed with the service password is stored pending (answered 202) and
    /// reaches no server until someone allowed dynamodb:UpdateItem on the key table approves it
    /// (Approve-HttpServiceSshKey, <see cref="IHttpServiceStacks.ApproveSshKeyAsync"/>); a pending key nobody decides on is
    /// dropped after 24 hours. The instance role may then put only pending items (IAM's <c>dynamodb:Attributes</c>
    /// condition), so neither a server nor anyone holding its role can approve a key. Needs the fleet key store. Off by default.
    /// </summary>
    [TemplateOption("SSH keys need an approver: a key POSTed with the service password, or added by someone without dynamodb:UpdateItem on the key table, is pending, " +
        "reaches no server until Approve-HttpServiceSshKey, and is dropped after 24 hours if nobody decides. The servers' role may write only pending keys.",
        Update = OptionUpdate.Set, Shape = OptionParameterShape.Switch, BeforeItExisted = false)]
    public bool KeyApproval { get; set; }

    /// <summary>
    /// Whether the containers' output goes to a CloudWatch Logs group of the stack's (Docker's awslogs driver, one
    /// stream per instance named by its id; retention parameter <c>LogRetentionDays</c>, default 14). True by default;
    /// it needs the instance role of <see cref="FleetKeyStore"/>, so without the key store there are no central logs.
    /// </summary>
    [TemplateOption("The containers' output in the stack's CloudWatch Logs group: one stream per instance id, retention parameter LogRetentionDays (14 days). " +
        "It needs the fleet key store's instance role. Without it the output stays on each instance.",
        Shape = OptionParameterShape.NegatedSwitch, ParameterName = "NoCentralLogs")]
    public bool CentralLogs { get; set; } = true;

    /// <summary>
    /// Whether the stack has a private ECR repository of its own (output <c>ImageRepositoryUri</c>): immutable tags, scan
    /// on push, and a lifecycle rule keeping the newest <c>ImageRetentionCount</c> tagged images (a parameter, default
    /// 100). The instance role may pull from it (and from <see cref="PullRepositoryArns"/>) and nothing else, and the
    /// servers log in to ECR through its credential helper, so the stack can run an image nobody outside the account can
    /// pull. The repository and its images outlive the stack: Remove-HttpServiceStack leaves them. False by default; it
    /// needs the instance role of <see cref="FleetKeyStore"/>.
    /// </summary>
    [TemplateOption("A private ECR repository of the stack's own (output ImageRepositoryUri): immutable tags, scan on push, the newest ImageRetentionCount tagged images kept (a parameter, 100). " +
        "The instance role may pull from it and nothing else, and the servers log in to ECR with its credential helper. It needs the fleet key store's instance role. " +
        "The repository and its images outlive the stack: removing the stack or the option leaves them.",
        Update = OptionUpdate.Set, Shape = OptionParameterShape.Switch, BeforeItExisted = false)]
    public bool ImageRepository { get; set; }

    /// <summary>
    /// Other private ECR repositories of the account whose images the servers may pull, by ARN
    /// (<c>arn:aws:ecr:us-east-1:123456789012:repository/web</c>): the instance role gets the pull actions on them and
    /// nothing more. Empty by default; it needs the instance role of <see cref="FleetKeyStore"/>.
    /// </summary>
    [TemplateOption("Other private ECR repositories the servers may pull images from, by ARN: the instance role may pull from them (and from ImageRepository) and nothing else. It needs the fleet key store's instance role.",
        Pattern = EcrRepositoryArnPattern, Refusal = "'{0}' is not an ECR repository ARN; use one like arn:aws:ecr:us-east-1:123456789012:repository/web (aws ecr describe-repositories).",
        Update = OptionUpdate.Set, Shape = OptionParameterShape.Value, ParameterName = "PullRepositoryArn", Example = "arn:aws:ecr:us-east-1:123456789012:repository/web",
        BeforeItExisted = new string[] { })]
    public IReadOnlyList<string> PullRepositoryArns { get; set; } = [];

    /// <summary>
    /// An AMI id to bake in as the <c>AmiId</c> default, instead of looking up the latest Amazon Linux 2023 in
    /// SSM at deploy time. Null (the default) keeps the SSM lookup.
    /// </summary>
    [TemplateOption("An AMI id baked in as the AmiId parameter's default, instead of the latest Amazon Linux 2023 looked up in SSM at deploy time.",
        Pattern = "^ami-[0-9a-f]{8}([0-9a-f]{9})?$", Refusal = "'{0}' is not an AMI id; use one like ami-0123456789abcdef0, or null for the latest Amazon Linux 2023.",
        Example = "ami-0123456789abcdef0")]
    public string? AmiId { get; set; }

    /// <summary>The SSM parameter the AMI comes from when neither <see cref="AmiId"/> nor the <c>AmiId</c> parameter sets one.</summary>
    [TemplateOption("The SSM parameter the AMI comes from when neither AmiId nor the AmiId parameter sets one.",
        Pattern = SsmNamePattern, Refusal = "'{0}' is not an SSM parameter name; use a path such as " + EcsOptimizedAmazonLinux2023SsmParameter + ".",
        Example = "/my-team/images/web-ami")]
    public string AmiSsmParameter { get; set; } = EcsOptimizedAmazonLinux2023SsmParameter;

    /// <summary>The <c>DockerImage</c> parameter's default: this release's published image (<see cref="ReleaseImage.Reference"/>).</summary>
    [TemplateOption("The DockerImage parameter's default: this release's published image.",
        Pattern = DockerImagePattern, Refusal = "'{0}' is not an image reference; use one like registry/name:tag (letters, digits, . _ / : @ -).",
        Example = "registry.example.com/web:1.4")]
    public string DefaultDockerImage { get; set; } = ReleaseImage.Reference;

    /// <summary>The <c>InstanceType</c> parameter's default.</summary>
    [TemplateOption("The InstanceType parameter's default.", Pattern = InstanceTypePattern, Refusal = "'{0}' is not an instance type; use one like t3.micro.",
        Example = "t3.small")]
    public string DefaultInstanceType { get; set; } = "t3.micro";

    /// <summary>The port the service listens on inside its container (ASP.NET Core's default for non-root containers).</summary>
    [TemplateOption("The port the service listens on inside its container (ASP.NET Core's default for non-root containers).",
        Minimum = 1, Maximum = 65535, Refusal = "{0} is not a TCP port; use 1 to 65535 (8080 for ASP.NET Core images).", Example = "5000")]
    public int ContainerPort { get; set; } = 8080;

    /// <summary>
    /// An ACM certificate's ARN: the service then runs behind an Application Load Balancer with HTTPS on 443 (TLS 1.3
    /// policy <see cref="TlsPolicy"/>), port 80 only redirecting to it (301), and a URL of https://. Null (the
    /// default): plain HTTP on port 80.
    /// </summary>
    [TemplateOption("An ACM certificate's ARN: HTTPS on 443 (TLS 1.3 policy " + TlsPolicy + ") behind an Application Load Balancer, port 80 redirecting to it (301), and an https:// URL. " +
        "An update gives it only to a stack that already has an Application Load Balancer: a classic one cannot change type in place. Without it: plain HTTP on port 80.",
        Pattern = @"^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[A-Za-z0-9-]+$",
        Refusal = "'{0}' is not an ACM certificate ARN; use one like arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-....",
        Update = OptionUpdate.SetOrRemove, Shape = OptionParameterShape.Value, Example = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789")]
    public string? CertificateArn { get; set; }

    /// <summary>A DNS name (e.g. api.example.com) for an alias record to the load balancer; needs <see cref="CertificateArn"/> and <see cref="HostedZoneId"/>.</summary>
    [TemplateOption("A DNS name for a Route 53 alias record to the load balancer, and the service's URL; it needs CertificateArn (a certificate for that name) and HostedZoneId.",
        Pattern = @"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$",
        Refusal = "'{0}' is not a DNS name; use lower-case letters, digits and hyphens, such as api.example.com.",
        Update = OptionUpdate.SetOrRemove, Shape = OptionParameterShape.Value, Example = "api.example.com", Requires = [nameof(CertificateArn), nameof(HostedZoneId)])]
    public string? DomainName { get; set; }

    /// <summary>The Route 53 hosted zone <see cref="DomainName"/> is created in, e.g. Z0123456789ABCDEFGHIJ: up to 32 upper-case letters and digits, as Route 53 (and moto, LocalStack) make them.</summary>
    [TemplateOption("The Route 53 hosted zone DomainName's record is created in; it goes with DomainName.",
        Pattern = "^[A-Z0-9]{1,32}$", Refusal = "'{0}' is not a Route 53 hosted zone id; use one like Z0123456789ABCDEFGHIJ (aws route53 list-hosted-zones).",
        Update = OptionUpdate.SetOrRemove, Shape = OptionParameterShape.Value, Example = "Z0123456789ABCDEFGHIJ", Requires = [nameof(DomainName)])]
    public string? HostedZoneId { get; set; }

    /// <summary>The addresses that may reach the load balancer, as IPv4 CIDRs; default 0.0.0.0/0 (everyone).</summary>
    [TemplateOption("The only addresses that reach the load balancer, as 1 to 25 IPv4 CIDRs; 0.0.0.0/0 is everyone.",
        Pattern = HttpServiceTemplate.CidrPattern, Refusal = "'{0}' is not an IPv4 CIDR block; use one such as 203.0.113.0/24.",
        Update = OptionUpdate.Set, Shape = OptionParameterShape.Value, ParameterName = "AllowedCidr", Example = "203.0.113.0/24")]
    public IReadOnlyList<string> AllowedCidrs { get; set; } = [AnyAddress];

    /// <summary>
    /// Adds target tracking beside the requests-per-minute rule, adding servers only: average CPU (parameter
    /// <c>CpuTargetPercent</c>, default 50) and, with an Application Load Balancer, requests per server (parameter
    /// <c>RequestsPerServerTarget</c>, default 1000 a minute). A server is then removed only in a minute under 20
    /// requests in which the servers left stay under the CPU target, so no policy undoes another. False by default.
    /// </summary>
    [TemplateOption("Adds target tracking that only adds servers, on average CPU (parameter CpuTargetPercent, 50) and, with an Application Load Balancer, on requests per server. " +
        "A server is then removed only in a minute under 20 requests in which the servers left stay under the CPU target, so no policy undoes another.",
        Update = OptionUpdate.Set, Shape = OptionParameterShape.Switch)]
    public bool CpuScaling { get; set; }

    /// <summary>
    /// An e-mail address for an SNS topic that alarms notify: hosts unhealthy for 10 minutes, backend 5XX errors over
    /// the <c>Backend5xxThreshold</c> parameter (default 10 in 5 minutes), and instances the group cannot launch. The
    /// address must confirm the subscription. Null (the default): no topic and no alarms.
    /// </summary>
    [TemplateOption("An e-mail address the alarms notify through an SNS topic: hosts unhealthy for 10 minutes, backend 5XX errors over the Backend5xxThreshold parameter (10 in 5 minutes), " +
        "instances the group cannot launch. The address must confirm the subscription. Without it there is no topic and no alarm.",
        Pattern = @"^[A-Za-z0-9._%+-]{1,64}@([A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,63}$", Refusal = "'{0}' is not an e-mail address; use one such as ops@example.com.",
        Update = OptionUpdate.SetOrRemove, Shape = OptionParameterShape.Value, Example = "ops@example.com")]
    public string? NotificationEmail { get; set; }

    /// <summary>
    /// Whether the health alarms (hosts unhealthy for 10 minutes, backend 5XX errors over <c>Backend5xxThreshold</c>)
    /// exist without <see cref="NotificationEmail"/>, so that every update is watched by them: CloudFormation rolls the
    /// update back when one of them goes to ALARM during the update or its monitoring time. True by default; a stack
    /// made before this option has the alarms only with an e-mail address, and its updates are then not watched.
    /// </summary>
    [TemplateOption("The health alarms (hosts unhealthy for 10 minutes, backend 5XX errors over Backend5xxThreshold) without an e-mail address, as every update's rollback triggers: " +
        "CloudFormation rolls an update back when one goes to ALARM during it or its monitoring time. Without them (and without NotificationEmail) updates are not watched.",
        Update = OptionUpdate.Set, Shape = OptionParameterShape.NegatedSwitch, ParameterName = "NoRollbackAlarms", BeforeItExisted = false)]
    public bool RollbackAlarms { get; set; } = true;

    /// <summary>The TLS policy of the HTTPS listener: TLS 1.3 and 1.2 only.</summary>
    public const string TlsPolicy = "ELBSecurityPolicy-TLS13-1-2-2021-06";

    private const string AnyAddress = "0.0.0.0/0";

    /// <summary>The longest default key lifetime, in hours: 366 days, as the server's longest POSTed lifetime.</summary>
    private const int MaxSshKeyLifetimeHours = 8784;

    /// <summary>Security groups take 60 rules; each CIDR needs one or two (80, and 443 with a certificate).</summary>
    private const int MaxAllowedCidrs = 25;

    /// <summary>The most repositories <see cref="PullRepositoryArns"/> takes: the role's inline policies share 10,240 characters.</summary>
    private const int MaxPullRepositories = 25;

    /// <summary>
    /// Whether the servers may pull private images, from the stack's repository or granted ones: asked for, and the
    /// instance role there to pull with (as with <see cref="HasCentralLogs"/>, the options without it give a template
    /// without the role's parts, and the preflight refuses a private image then).
    /// </summary>
    internal bool PullsPrivateImages => (ImageRepository || PullRepositoryArns.Count > 0) && FleetKeyStore;

    /// <summary>Whether the template has the health alarms: for rollback triggers, or to e-mail someone.</summary>
    internal bool HasHealthAlarms => RollbackAlarms || NotificationEmail is not null;

    /// <summary>Whether the template has central logs: asked for, and the instance role there to write them.</summary>
    internal bool HasCentralLogs => CentralLogs && FleetKeyStore;

    /// <summary>The load balancer the template has: a certificate implies the Application Load Balancer.</summary>
    internal LoadBalancerKind EffectiveLoadBalancer => CertificateArn is null ? LoadBalancer : LoadBalancerKind.Application;

    /// <summary>What the stack gets, in a few words, for -WhatIf and -Confirm.</summary>
    internal string Summary => $"{EffectiveLoadBalancer} load balancer, {(FleetKeyStore ? "fleet SSH key store with an instance role" : "keys per server")}";

    /// <summary>These options as the template has them: the load balancer a certificate brings is named, so that dropping the certificate later keeps it.</summary>
    internal HttpServiceOptions AsBuilt()
    {
        var built = (HttpServiceOptions)MemberwiseClone();
        built.LoadBalancer = EffectiveLoadBalancer;
        return built;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad option and how to fix it.</summary>
    public void Validate()
    {
        foreach (var option in TemplateOption.All)
        {
            option.Check(option.Get(this));
        }
        foreach (var option in TemplateOption.All)
        {
            option.CheckRequirements(this);
        }
        // Requires cannot say it: the key store is on by default, and -NoFleetKeyStore is what turns it off.
        if (KeyApproval && !FleetKeyStore)
        {
            throw new ArgumentException("KeyApproval needs the fleet key store (FleetKeyStore): approval decides which keys of the key table reach the servers. Leave out -NoFleetKeyStore, or KeyApproval.", nameof(KeyApproval));
        }
        if (AllowedCidrs is null || AllowedCidrs.Count is 0 or > MaxAllowedCidrs)
        {
            throw new ArgumentException($"AllowedCidrs needs 1 to {MaxAllowedCidrs} IPv4 CIDRs, such as 203.0.113.0/24; 0.0.0.0/0 allows everyone.", nameof(AllowedCidrs));
        }
        if (AllowedCidrs.Distinct(StringComparer.Ordinal).Count() != AllowedCidrs.Count)
        {
            throw new ArgumentException("AllowedCidrs names a CIDR twice; give each once.", nameof(AllowedCidrs));
        }
        if (PullRepositoryArns is null || PullRepositoryArns.Count > MaxPullRepositories)
        {
            throw new ArgumentException($"PullRepositoryArns takes up to {MaxPullRepositories} ECR repository ARNs; give none for no other repository.", nameof(PullRepositoryArns));
        }
        if (PullRepositoryArns.Distinct(StringComparer.Ordinal).Count() != PullRepositoryArns.Count)
        {
            throw new ArgumentException("PullRepositoryArns names a repository twice; give each once.", nameof(PullRepositoryArns));
        }
    }

    internal const string DockerImageAllowedPattern = DockerImagePattern;

    internal const string InstanceTypeAllowedPattern = InstanceTypePattern;
}
