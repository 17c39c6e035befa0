using Amazon.Runtime;

namespace StackKit;

/// <summary>
/// How StackKit reaches AWS. Anything left unset is resolved the way the AWS SDKs and CLI resolve it:
/// environment variables, then the shared config and credentials files (profiles, SSO).
/// </summary>
public sealed class AwsClientOptions
{
    /// <summary>Region system name such as <c>eu-west-1</c>; unset means AWS_REGION, AWS_DEFAULT_REGION or the profile's region.</summary>
    public string? Region { get; init; }

    /// <summary>One endpoint for every service (like the CLI's <c>--endpoint-url</c>); unset means AWS_ENDPOINT_URL(_SERVICE), the profile, then AWS.</summary>
    public Uri? EndpointUrl { get; init; }

    /// <summary>Profile in the shared config/credentials files; unset means AWS_PROFILE or <c>default</c>.</summary>
    public string? ProfileName { get; init; }

    /// <summary>Credentials to use as they are, skipping the credential chain.</summary>
    public AWSCredentials? Credentials { get; init; }

    /// <summary>Attempts per call, the first included, when AWS throttles or fails with a 5xx or a dropped connection.</summary>
    public int MaxAttempts { get; init; } = 4;
}
