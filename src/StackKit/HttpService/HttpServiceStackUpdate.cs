using System.Net;
using StackKit.HttpService;

namespace StackKit;

/// <summary>
/// A change to an HTTP service stack's parameters: null means keep. The stack's template is kept. Values are checked
/// like <see cref="HttpServiceStackRequest"/>'s, before any call.
/// </summary>
public sealed class HttpServiceStackUpdate
{
    /// <summary>A new Docker image; null keeps the current one.</summary>
    public string? DockerImage { get; init; }

    /// <summary>A new instance type (the servers are replaced one by one); null keeps the current one.</summary>
    public string? InstanceType { get; init; }

    /// <summary>A new EC2 key pair for SSH; an empty string removes it; null keeps the current one.</summary>
    public string? SshKeyName { get; init; }

    /// <summary>New addresses SSH is allowed from; null keeps the current ones.</summary>
    public string? SshCidr { get; init; }

    /// <summary>A new AMI; an empty string means the latest Amazon Linux 2023; null keeps the current one.</summary>
    public string? AmiId { get; init; }

    /// <summary>A new user name and password for <c>POST /add_public_key</c>; null keeps the current ones.</summary>
    public NetworkCredential? ServiceCredential { get; init; }

    /// <summary>Skips the checks of the changed values before UpdateStack; a warning says so.</summary>
    public bool SkipPreflight { get; init; }

    /// <summary>Where the checks' warnings go; null drops them.</summary>
    public IProgress<PreflightWarning>? Warnings { get; init; }

    /// <summary>The changed values by template parameter name.</summary>
    internal Dictionary<string, string> GivenParameters() => HttpServiceStackValues.ByParameter(DockerImage, InstanceType, SshKeyName, SshCidr, AmiId, ServiceCredential);
}
