using System.Management.Automation;
using StackKit.HttpService;

namespace StackKit.PowerShell;

/// <summary>The HTTP service's template parameters, shared by New- and Update-HttpServiceStack.</summary>
public abstract class HttpServiceParameterCmdlet : StackKitCmdlet
{
    /// <summary>The Docker image the instances run, e.g. registry/name:tag.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? DockerImage { get; set; }

    /// <summary>The EC2 instance type, e.g. t3.micro.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? InstanceType { get; set; }

    /// <summary>The AMI the instances boot; default: the latest Amazon Linux 2023.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? AmiId { get; set; }

    /// <summary>An EC2 key pair for SSH; default: none (no SSH access).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SshKeyName { get; set; }

    /// <summary>The only addresses SSH is open to, as a CIDR (e.g. 203.0.113.7/32); default: the VPC's own range.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SshCidr { get; set; }

    /// <summary>
    /// The user name and password POST /add_public_key accepts (Get-Credential). Without it a new stack keeps the
    /// original's weak default, admin/secret.
    /// </summary>
    [Parameter]
    [Credential]
    [ValidateNotNull]
    public PSCredential? ServiceCredential { get; set; }

    /// <summary>
    /// Skips the checks before the change (key pair, AMI, instance type offerings, image in its registry), with a
    /// warning: a bad value then fails only when the instances launch.
    /// </summary>
    [Parameter]
    public SwitchParameter SkipPreflight { get; set; }

    /// <summary>The template parameters this invocation sets, by their template names.</summary>
    protected Dictionary<string, string> GivenParameters()
    {
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        Add(given, HttpServiceNames.DockerImage, DockerImage);
        Add(given, HttpServiceNames.InstanceType, InstanceType);
        Add(given, HttpServiceNames.AmiId, AmiId);
        Add(given, HttpServiceNames.SshKeyName, SshKeyName);
        Add(given, HttpServiceNames.SshCidr, SshCidr);
        if (ServiceCredential is not null)
        {
            given[HttpServiceNames.ServiceUsername] = ServiceCredential.UserName;
            given[HttpServiceNames.ServicePassword] = ServiceCredential.GetNetworkCredential().Password;
        }
        return given;
    }

    /// <summary>The parameters as a user may see them, in -WhatIf and messages: the password is never shown.</summary>
    protected static string Describe(IReadOnlyDictionary<string, string> parameters) =>
        string.Join(", ", parameters.Select(p => p.Key == HttpServiceNames.ServicePassword ? $"{p.Key}=****" : $"{p.Key}={p.Value}"));

    private static void Add(Dictionary<string, string> parameters, string name, string? value)
    {
        if (value is not null)
        {
            parameters[name] = value;
        }
    }
}
