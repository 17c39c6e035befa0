using StackKit.HttpService;

namespace StackKit.Tests.HttpService;

/// <summary>The option sets the template is tested with: the default and each non-default choice.</summary>
public static class TemplateVariants
{
    public static readonly IReadOnlyDictionary<string, HttpServiceOptions> All = new Dictionary<string, HttpServiceOptions>
    {
        ["default"] = new(),
        ["application-load-balancer"] = new() { LoadBalancer = LoadBalancerKind.Application },
        ["no-ssh"] = new() { SshAccess = false },
        ["no-fleet-key-store"] = new() { FleetKeyStore = false },
        ["explicit-ami"] = new() { AmiId = "ami-0123456789abcdef0" },
        ["certificate"] = new() { CertificateArn = Certificate },
        ["certificate-and-domain"] = new() { CertificateArn = Certificate, DomainName = "api.example.com", HostedZoneId = "Z0123456789ABCDEFGHIJ" },
        ["notification-email"] = new() { NotificationEmail = "ops@example.com" },
        ["no-rollback-alarms"] = new() { RollbackAlarms = false },
        ["notification-email-application"] = new() { NotificationEmail = "ops@example.com", LoadBalancer = LoadBalancerKind.Application },
        ["allowed-cidrs"] = new() { AllowedCidrs = ["203.0.113.0/24", "198.51.100.7/32"] },
        ["cpu-scaling"] = new() { CpuScaling = true },
        ["cpu-scaling-application"] = new() { CpuScaling = true, LoadBalancer = LoadBalancerKind.Application },
        ["no-central-logs"] = new() { CentralLogs = false },
        ["image-repository"] = new() { ImageRepository = true, PullRepositoryArns = [PulledRepository] },
        ["pull-repositories-only"] = new() { PullRepositoryArns = [PulledRepository, "arn:aws:ecr:eu-west-1:123456789012:repository/team/api"] },
        ["ssh-keys-never-expire-forwarding"] = new() { SshKeyLifetimeHours = 0, AllowSshForwarding = true },
        ["key-approval"] = new() { KeyApproval = true },
        ["all-non-default"] = new() { LoadBalancer = LoadBalancerKind.Application, SshAccess = false, AmiId = "ami-0123456789abcdef0", ContainerPort = 5000, FleetKeyStore = false },
    };

    public const string Certificate = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789";

    public const string PulledRepository = "arn:aws:ecr:us-east-1:123456789012:repository/shared/base";

    public static TheoryData<string> Names => [.. All.Keys];
}
