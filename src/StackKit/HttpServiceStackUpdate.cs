using System.Net;
using StackKit.HttpService;

namespace StackKit;

/// <summary>
/// A change to an HTTP service stack: null means keep. Parameter changes keep the stack's template; option changes
/// (<see cref="Options"/>) rebuild it. Values are checked like
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

    /// <summary>
    /// A new user name and password for <c>POST /add_public_key</c> (only the password's salted hash is sent); null
    /// keeps the current ones. A stack made before the hash needs it once, to take the password out of its user data.
    /// </summary>
    public NetworkCredential? ServiceCredential { get; init; }

    /// <summary>
    /// Changes to the template options (HTTPS, the domain, the allowed addresses, CPU scaling, the alarms' e-mail):
    /// the stack's template is rebuilt from the options it was created with (kept in the template's metadata) and
    /// these. None by default: the template is kept.
    /// </summary>
    public HttpServiceOptionChanges Options { get; init; } = new();

    /// <summary>The default <see cref="MonitoringMinutes"/>.</summary>
    public const int DefaultMonitoringMinutes = 5;

    /// <summary>The longest monitoring time CloudFormation accepts.</summary>
    public const int MaxMonitoringMinutes = 180;

    /// <summary>
    /// How many minutes CloudFormation keeps watching the stack's health alarms (hosts unhealthy, backend 5XX) after
    /// every server runs the new version; it rolls the update back if one goes to ALARM during the update or this
    /// time. 0 to 180, default 5; 0 watches during the update only. The unhealthy-hosts alarm needs 10 minutes of an
    /// unhealthy server, so a server that breaks after its signal is caught only with 10 or more. A stack without the
    /// alarms (made without <see cref="HttpServiceOptions.RollbackAlarms"/>) is not watched; the option adds them.
    /// </summary>
    public int MonitoringMinutes { get; init; } = DefaultMonitoringMinutes;

    /// <summary>
    /// Sent without rollback triggers: an undo goes back to an image that served, usually while a health alarm is in
    /// ALARM, and CloudFormation would roll back an operation one of its triggers is in ALARM for.
    /// </summary>
    internal bool WithoutRollbackTriggers { get; init; }

    /// <summary>Skips the checks of the changed values before UpdateStack; a warning says so.</summary>
    public bool SkipPreflight { get; init; }

    /// <summary>Where the checks' warnings go; null drops them.</summary>
    public IProgress<PreflightWarning>? Warnings { get; init; }

    /// <summary>Whether the update changes template options, so the stack's template is rebuilt.</summary>
    internal bool ChangesTemplate => Options.Count > 0;

    /// <summary>The stack's options with this update's changes; <paramref name="current"/> is changed and returned.</summary>
    /// <exception cref="ArgumentException">The options that result are invalid (the message names the option).</exception>
    internal HttpServiceOptions ApplyTo(HttpServiceOptions current) => Options.ApplyTo(current);

    /// <summary>The changed values by template parameter name.</summary>
    internal Dictionary<string, string> GivenParameters() => HttpServiceStackValues.ByParameter(DockerImage, InstanceType, SshKeyName, SshCidr, AmiId, ServiceCredential);
}
