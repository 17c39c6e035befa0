using System.Management.Automation;

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

    /// <summary>The credential as the core takes it; null when not given.</summary>
    protected System.Net.NetworkCredential? GivenCredential() =>
        ServiceCredential is null ? null : new(ServiceCredential.UserName, ServiceCredential.GetNetworkCredential().Password);

    /// <summary>What this invocation sets, as a user may see it in -WhatIf and messages: the password is never shown.</summary>
    protected string DescribeGiven()
    {
        var given = new List<string>();
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                given.Add($"{name}={value}");
            }
        }
        Add(nameof(DockerImage), DockerImage);
        Add(nameof(InstanceType), InstanceType);
        Add(nameof(AmiId), AmiId);
        Add(nameof(SshKeyName), SshKeyName);
        Add(nameof(SshCidr), SshCidr);
        if (ServiceCredential is not null)
        {
            given.Add($"ServiceUsername={ServiceCredential.UserName}");
            given.Add("ServicePassword=****");
        }
        return string.Join(", ", given);
    }
}
