using StackKit.Preflight;

namespace StackKit.HttpService;

/// <summary>An HTTP service stack to deploy: the template's shape and the values of its parameters.</summary>
public sealed class HttpServiceStackRequest
{
    /// <summary>The stack name; null means <c>&lt;user&gt;-&lt;yyyyMMdd-HHmmss&gt;</c> as in the original service.</summary>
    public string? StackName { get; init; }

    /// <summary>What shapes the template (load balancer kind, SSH access, a baked-in AMI); the defaults when null.</summary>
    public HttpServiceOptions? Template { get; init; }

    /// <summary>Template parameter values by name (<c>DockerImage</c>, <c>SshKeyName</c>, <c>InstanceType</c>, <c>AmiId</c>, <c>SshCidr</c>); the rest take the template's defaults.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Extra stack tags, propagated by CloudFormation to every resource that takes tags.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Skips the checks before CreateStack (key pair, AMI, instance type offerings, image in its registry); a warning
    /// says so. False by default: a value that would fail every launch is refused in seconds instead.
    /// </summary>
    public bool SkipPreflight { get; init; }

    /// <summary>Where the checks' warnings go (a mutable image tag, an unreachable registry, skipped checks); null drops them.</summary>
    public IProgress<PreflightWarning>? Warnings { get; init; }
}
