using Amazon.Runtime.CredentialManagement;

namespace StackKit.PowerShell;

/// <summary>
/// Says, for -Verbose, where the region, the endpoint and the credentials came from when no parameter or AWS.Tools
/// session default named them, in the order the AWS SDK resolves them.
/// </summary>
internal static class ConnectionSources
{
    public static string DefaultRegion(string resolved, string? profileName)
    {
        if (profileName is not null && new CredentialProfileStoreChain().TryGetProfile(profileName, out var profile) && profile.Region?.SystemName == resolved)
        {
            return $"profile '{profileName}'";
        }
        foreach (var variable in new[] { "AWS_REGION", "AWS_DEFAULT_REGION" })
        {
            if (Environment.GetEnvironmentVariable(variable) == resolved)
            {
                return variable;
            }
        }
        return $"profile '{profileName ?? Environment.GetEnvironmentVariable("AWS_PROFILE") ?? "default"}' in the shared config file";
    }

    public static string Endpoint(Uri? explicitEndpoint, Uri resolved)
    {
        if (explicitEndpoint is not null)
        {
            return "-EndpointUrl";
        }
        foreach (var variable in new[] { "AWS_ENDPOINT_URL_CLOUDFORMATION", "AWS_ENDPOINT_URL" })
        {
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value && new Uri(value).Host == resolved.Host)
            {
                return variable;
            }
        }
        return resolved.Host.EndsWith(".amazonaws.com", StringComparison.OrdinalIgnoreCase) || resolved.Host.EndsWith(".amazonaws.com.cn", StringComparison.OrdinalIgnoreCase)
            ? "AWS"
            : "the profile's endpoint_url";
    }

    public static string CredentialChain()
    {
        if (Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID") is { Length: > 0 })
        {
            return "the environment (AWS_ACCESS_KEY_ID)";
        }
        return Environment.GetEnvironmentVariable("AWS_PROFILE") is { Length: > 0 } profile
            ? $"profile '{profile}' (AWS_PROFILE)"
            : "the default profile or the SDK's chain (SSO, container credentials)";
    }
}
