using System.Management.Automation;
using StackKit.HttpService;
using StackKit.PowerShell.Completion;
using StackKit.PowerShell.Validation;

namespace StackKit.PowerShell;

/// <summary>The HTTP service's template parameters, shared by New- and Update-HttpServiceStack.</summary>
public abstract class HttpServiceParameterCmdlet : StackKitCmdlet
{
    /// <summary>The parameter set of the SSH parameters; New-HttpServiceStack's -NoSshAccess is in another.</summary>
    protected const string SshAccessSet = "SshAccess";

    /// <summary>
    /// The Docker image the instances run, e.g. registry.example.com/team/web:1.4 (a lower-case repository path, a
    /// tag or digest). Default: StackKit's release image at the module's version. Binds from the pipeline by property
    /// name: Publish-HttpServiceImage's result rolls out by digest.
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ValidateTemplateParameter(HttpServiceNames.DockerImage)]
    public string? DockerImage { get; set; }

    /// <summary>The EC2 instance type, e.g. t3.small; completes common types. Default: t3.micro.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(InstanceTypeCompleter))]
    [ValidateNotNullOrEmpty]
    [ValidateTemplateParameter(HttpServiceNames.InstanceType)]
    public string? InstanceType { get; set; }

    /// <summary>The AMI the instances boot. Default: the latest Amazon Linux 2023 (from SSM).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateTemplateParameter(HttpServiceNames.AmiId)]
    public string? AmiId { get; set; }

    /// <summary>An EC2 key pair for SSH. Default: none (no SSH access).</summary>
    [Parameter(ParameterSetName = SshAccessSet)]
    [ValidateNotNullOrEmpty]
    [ValidateTemplateParameter(HttpServiceNames.SshKeyName)]
    public string? SshKeyName { get; set; }

    /// <summary>The only addresses SSH is open to, as a CIDR (e.g. 203.0.113.7/32). Default: the VPC's own range (10.0.0.0/16).</summary>
    [Parameter(ParameterSetName = SshAccessSet)]
    [ValidateNotNullOrEmpty]
    [ValidateTemplateParameter(HttpServiceNames.SshCidr)]
    public string? SshCidr { get; set; }

    /// <summary>
    /// The user name and password POST /add_public_key accepts (Get-Credential): a user name of 1 to 64 letters,
    /// digits or . _ @ -, a password of 12 to 128 characters, none a control character (spaces welcome). Only the
    /// password's salted PBKDF2 hash leaves this computer. Default: the weak admin/secret, with a warning.
    /// </summary>
    [Parameter]
    [Credential]
    [ValidateNotNull]
    [ValidateServiceCredential]
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
            given.Add("ServicePasswordHash=****");
        }
        return string.Join(", ", given);
    }
}
