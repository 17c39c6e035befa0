using StackKit.HttpService;

namespace StackKit.Preflight;

/// <summary>The values a deploy will launch with, as the checks need them; null means "not set" or "not changed".</summary>
/// <param name="KeyName">The EC2 key pair to check.</param>
/// <param name="AmiId">An explicit AMI to check.</param>
/// <param name="AmiSsmParameter">Where the AMI comes from when <paramref name="AmiId"/> is null, for its architecture.</param>
/// <param name="InstanceType">The instance type the AMI and the zones must fit.</param>
/// <param name="CheckOfferings">Whether to check the instance type's zones (false when an update leaves it).</param>
/// <param name="DockerImage">The image to look up in its registry.</param>
internal sealed record PreflightTarget(
    string? KeyName,
    string? AmiId,
    string? AmiSsmParameter,
    string InstanceType,
    bool CheckOfferings,
    string? DockerImage)
{
    /// <summary>A new stack: every value it launches with is checked.</summary>
    public static PreflightTarget ForCreate(IReadOnlyDictionary<string, string> parameters)
    {
        var amiId = Set(parameters, HttpServiceNames.AmiId);
        return new PreflightTarget(
            Set(parameters, HttpServiceNames.SshKeyName),
            amiId,
            amiId is null ? Set(parameters, HttpServiceNames.LatestAmiId) : null,
            parameters[HttpServiceNames.InstanceType],
            CheckOfferings: true,
            Set(parameters, HttpServiceNames.DockerImage));
    }

    /// <summary>An update: only what it changes is checked, against the values the stack keeps.</summary>
    public static PreflightTarget ForUpdate(IReadOnlyDictionary<string, string> current, IReadOnlyDictionary<string, string> given)
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
            Set(given, HttpServiceNames.DockerImage));
    }

    // The optional parameters (AmiId, SshKeyName) mean "not set" when empty.
    private static string? Set(IReadOnlyDictionary<string, string> parameters, string name) =>
        parameters.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
}
