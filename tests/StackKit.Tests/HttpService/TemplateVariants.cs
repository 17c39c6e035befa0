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
        ["all-non-default"] = new() { LoadBalancer = LoadBalancerKind.Application, SshAccess = false, AmiId = "ami-0123456789abcdef0", ContainerPort = 5000, FleetKeyStore = false },
    };

    public static TheoryData<string> Names => [.. All.Keys];
}
