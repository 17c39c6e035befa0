using Amazon.Runtime;

namespace StackKit.PowerShell;

/// <summary>
/// Where and as whom a command line asks to call AWS, resolved in AWS.Tools' order: the parameters first, then the
/// session defaults Set-DefaultAWSRegion and Set-AWSCredential stored, then the SDK's environment, profile and chain.
/// The cmdlets and the -StackName completer both resolve through it, so completion lists the stacks the command acts on.
/// </summary>
internal sealed record ConnectionRequest(string? Region, Uri? EndpointUrl, string? ProfileName, string? AccessKey, string? SecretKey, string? SessionToken)
{
    /// <summary>
    /// The client options, with where the region (null: the SDK's default) and the credentials came from;
    /// <paramref name="variable"/> reads a session variable of the shell.
    /// </summary>
    public (AwsClientOptions Options, string? RegionSource, string CredentialSource) Resolve(Func<string, object?> variable, int maxAttempts = 4)
    {
        var (region, regionSource) = Region is not null
            ? (Region, "-Region")
            : AwsToolsSession.Region(variable) is { } stored ? (stored, $"${AwsToolsSession.RegionVariable} (Set-DefaultAWSRegion)") : (null, null);
        var (credentials, credentialSource) = ResolveCredentials(variable);
        var options = new AwsClientOptions
        {
            Region = region,
            EndpointUrl = EndpointUrl,
            ProfileName = ProfileName,
            Credentials = credentials,
            MaxAttempts = maxAttempts,
        };
        return (options, regionSource, credentialSource);
    }

    /// <summary>AWS.Tools' order: the key parameters, -ProfileName, $StoredAWSCredentials, then the SDK's chain.</summary>
    private (AWSCredentials? Credentials, string Source) ResolveCredentials(Func<string, object?> variable)
    {
        if (ExplicitCredentials() is { } explicitCredentials)
        {
            return (explicitCredentials, SessionToken is null ? "-AccessKey/-SecretKey" : "-AccessKey/-SecretKey/-SessionToken");
        }
        if (ProfileName is not null)
        {
            return (null, $"profile '{ProfileName}' (-ProfileName)");
        }
        if (AwsToolsSession.Credentials(variable) is { } stored)
        {
            return (stored.Credentials, $"${AwsToolsSession.CredentialsVariable} ('{stored.Name}', set by Set-AWSCredential)");
        }
        return (null, ConnectionSources.CredentialChain());
    }

    private AWSCredentials? ExplicitCredentials()
    {
        if (AccessKey is null && SecretKey is null)
        {
            return null;
        }
        if (AccessKey is null || SecretKey is null)
        {
            throw new ArgumentException("Pass -AccessKey and -SecretKey together, or neither to use the AWS credential chain.");
        }
        return SessionToken is null
            ? new BasicAWSCredentials(AccessKey, SecretKey)
            : new SessionAWSCredentials(AccessKey, SecretKey, SessionToken);
    }
}
