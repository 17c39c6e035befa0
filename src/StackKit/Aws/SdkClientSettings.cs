using Amazon;
using Amazon.Runtime;

namespace StackKit.Aws;

/// <summary>
/// Points an AWSSDK client (EC2, DynamoDB, STS) where the connection's own Query clients go: the same region, the explicit
/// endpoint when there is one (moto), else the SDK's configured endpoints (AWS_ENDPOINT_URL_*, the profile's
/// <c>endpoint_url</c>), and the same number of attempts.
/// </summary>
internal static class SdkClientSettings
{
    public static TConfig Apply<TConfig>(TConfig config, AwsClientOptions options, RegionEndpoint region, HttpMessageHandler? handler = null)
        where TConfig : ClientConfig
    {
        if (handler is not null)
        {
            config.HttpClientFactory = new HandlerHttpClientFactory(handler);
        }
        config.RegionEndpoint = region;
        // A service URL, explicit or configured (AWS_ENDPOINT_URL*), replaces the region in the config, and the SDK
        // would sign for us-east-1; requests are signed for the connection's region, as the Query clients sign them.
        config.AuthenticationRegion = region.SystemName;
        if (options.EndpointUrl is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
        }
        else if (options.ProfileName is { } profile)
        {
            config.Profile = new Profile(profile);
        }
        config.MaxErrorRetry = Math.Max(0, options.MaxAttempts - 1);
        return config;
    }
}
