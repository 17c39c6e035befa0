using System.Net;
using StackKit.HttpService;

namespace StackKit;

/// <summary>
/// A change to an HTTP service stack: null means keep. Parameter changes keep the stack's template; option changes
/// (<see cref="CertificateArn"/> and those after it) rebuild it. Values are checked like
/// <see cref="HttpServiceStackRequest"/>'s, before UpdateStack is sent.
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

    /// <summary>
    /// An ACM certificate's ARN: HTTPS on 443 with it, port 80 redirecting; an empty string goes back to plain HTTP on
    /// the same load balancer; null keeps. Only a stack with an Application Load Balancer takes one: a classic one cannot
    /// become one in place, and the update is refused before anything is sent.
    /// </summary>
    /// <remarks>This and the options below change the stack's template: it is rebuilt from the options the stack was
    /// created with (kept in the template's metadata) and these changes.</remarks>
    public string? CertificateArn { get; init; }

    /// <summary>A DNS name for an alias record to the load balancer (with <see cref="HostedZoneId"/>); an empty string removes the record; null keeps.</summary>
    public string? DomainName { get; init; }

    /// <summary>The Route 53 hosted zone of <see cref="DomainName"/>; an empty string goes with an empty <see cref="DomainName"/>; null keeps.</summary>
    public string? HostedZoneId { get; init; }

    /// <summary>The addresses that may reach the load balancer (IPv4 CIDRs; 0.0.0.0/0 for everyone); null keeps.</summary>
    public IReadOnlyList<string>? AllowedCidrs { get; init; }

    /// <summary>Whether target tracking on CPU (and requests per server, with an ALB) runs beside the original rule; null keeps.</summary>
    public bool? CpuScaling { get; init; }

    /// <summary>An e-mail address for the alarms' SNS topic; an empty string removes the topic and its alarms; null keeps.</summary>
    public string? NotificationEmail { get; init; }

    /// <summary>Skips the checks of the changed values before UpdateStack; a warning says so.</summary>
    public bool SkipPreflight { get; init; }

    /// <summary>Where the checks' warnings go; null drops them.</summary>
    public IProgress<PreflightWarning>? Warnings { get; init; }

    /// <summary>Whether the update changes template options, so the stack's template is rebuilt.</summary>
    internal bool ChangesTemplate =>
        CertificateArn is not null || DomainName is not null || HostedZoneId is not null || AllowedCidrs is not null || CpuScaling is not null || NotificationEmail is not null;

    /// <summary>The stack's options with this update's changes; <paramref name="current"/> is changed and returned.</summary>
    /// <exception cref="ArgumentException">The options that result are invalid (the message names the option).</exception>
    internal HttpServiceOptions ApplyTo(HttpServiceOptions current)
    {
        current.CertificateArn = Change(current.CertificateArn, CertificateArn);
        current.DomainName = Change(current.DomainName, DomainName);
        current.HostedZoneId = Change(current.HostedZoneId, HostedZoneId);
        current.AllowedCidrs = AllowedCidrs ?? current.AllowedCidrs;
        current.CpuScaling = CpuScaling ?? current.CpuScaling;
        current.NotificationEmail = Change(current.NotificationEmail, NotificationEmail);
        current.Validate();
        return current;
    }

    /// <summary>The changed values by template parameter name.</summary>
    internal Dictionary<string, string> GivenParameters() => HttpServiceStackValues.ByParameter(DockerImage, InstanceType, SshKeyName, SshCidr, AmiId, ServiceCredential);

    private static string? Change(string? current, string? given) => given is null ? current : given.Length == 0 ? null : given;
}
