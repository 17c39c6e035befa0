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
}
