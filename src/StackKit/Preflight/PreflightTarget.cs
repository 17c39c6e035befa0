using StackKit.HttpService;

namespace StackKit.Preflight;

/// <summary>The values a deploy will launch with, as the checks need them; null means "not set" or "not changed".</summary>
/// <param name="KeyName">The EC2 key pair to check.</param>
/// <param name="AmiId">An explicit AMI to check.</param>
/// <param name="AmiSsmParameter">Where the AMI comes from when <paramref name="AmiId"/> is null, for its architecture.</param>
/// <param name="InstanceType">The instance type the AMI and the zones must fit.</param>
/// <param name="CheckOfferings">Whether to check the instance type's zones (false when an update leaves it).</param>
/// <param name="DockerImage">The image to look up in its registry.</param>
/// <param name="CertificateArn">The ACM certificate to check (issued, covering <paramref name="DomainName"/>).</param>
/// <param name="DomainName">The name the service answers at, which the certificate must cover and the zone contain.</param>
/// <param name="HostedZoneId">The Route 53 zone to check (exists, public, contains <paramref name="DomainName"/>).</param>
/// <param name="PrivateImages">The ECR repositories the instances may pull from; null: none.</param>
internal sealed record PreflightTarget(
    string? KeyName,
    string? AmiId,
    string? AmiSsmParameter,
    string InstanceType,
    bool CheckOfferings,
    string? DockerImage,
    string? CertificateArn = null,
    string? DomainName = null,
    string? HostedZoneId = null,
    PrivateImageGrants? PrivateImages = null)
{
    /// <summary>Whether <see cref="DockerImage"/> is the template's default, not one the caller named.</summary>
    public bool DefaultImage { get; init; }

    /// <summary>
    /// Whether a missing default image is built instead of refused (<see cref="HttpServiceStackRequest.BuildImage"/>):
    /// the check then only notes it (<see cref="PreflightContext.DefaultImageMissing"/>).
    /// </summary>
    public bool BuildsMissingDefaultImage { get; init; }

    /// <summary>A new stack: every value it launches with is checked.</summary>
    public static PreflightTarget ForCreate(IReadOnlyDictionary<string, string> parameters, HttpServiceOptions options)
    {
        var amiId = Set(parameters, HttpServiceNames.AmiId);
        return new PreflightTarget(
            Set(parameters, HttpServiceNames.SshKeyName),
            amiId,
            amiId is null ? Set(parameters, HttpServiceNames.LatestAmiId) : null,
            parameters[HttpServiceNames.InstanceType],
            CheckOfferings: true,
            Set(parameters, HttpServiceNames.DockerImage),
            options.CertificateArn,
            options.DomainName,
            options.DomainName is null ? null : options.HostedZoneId,
            PrivateImageGrants.Of(options));
    }

    /// <summary>
    /// An update: only what it changes is checked, against the values the stack keeps. The certificate is checked when
    /// it or the domain changes, the zone when it or the domain changes; <paramref name="before"/> and
    /// <paramref name="after"/> are null when the update keeps the template. <paramref name="privateImages"/> is what the
    /// stack's instances may pull after the update.
    /// </summary>
    public static PreflightTarget ForUpdate(
        IReadOnlyDictionary<string, string> current, IReadOnlyDictionary<string, string> given, HttpServiceOptions? before = null, HttpServiceOptions? after = null,
        PrivateImageGrants? privateImages = null)
    {
        var effective = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in current.Concat(given))
        {
            effective[pair.Key] = pair.Value;
        }
        var machineChanges = given.ContainsKey(HttpServiceNames.AmiId) || given.ContainsKey(HttpServiceNames.InstanceType);
        var amiId = machineChanges ? Set(effective, HttpServiceNames.AmiId) : null;
        return new PreflightTarget(
            Set(given, HttpServiceNames.SshKeyName),
            amiId,
            machineChanges && amiId is null ? Set(effective, HttpServiceNames.LatestAmiId) : null,
            effective.TryGetValue(HttpServiceNames.InstanceType, out var instanceType) ? instanceType : string.Empty,
            CheckOfferings: given.ContainsKey(HttpServiceNames.InstanceType),
            Set(given, HttpServiceNames.DockerImage),
            after is not null && (after.CertificateArn != before?.CertificateArn || after.DomainName != before?.DomainName) ? after.CertificateArn : null,
            after?.DomainName,
            after?.DomainName is not null && (after.HostedZoneId != before?.HostedZoneId || after.DomainName != before?.DomainName) ? after.HostedZoneId : null,
            privateImages);
    }

    // The optional parameters (AmiId, SshKeyName) mean "not set" when empty.
    private static string? Set(IReadOnlyDictionary<string, string> parameters, string name) =>
        parameters.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
}
