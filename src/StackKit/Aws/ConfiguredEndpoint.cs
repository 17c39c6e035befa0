using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;

namespace StackKit.Aws;

/// <summary>
/// Asks AWSSDK.Core's <see cref="ClientConfig"/> for a configured endpoint, so AWS_ENDPOINT_URL_&lt;SERVICE&gt;,
/// AWS_ENDPOINT_URL, the profile's <c>endpoint_url</c> and AWS_IGNORE_CONFIGURED_ENDPOINT_URLS behave exactly as
/// in the SDK rather than as a re-implementation of its rules.
/// </summary>
internal sealed class ConfiguredEndpoint : ClientConfig
{
    private static readonly DefaultConfigurationProvider Defaults = new(
        [new DefaultConfiguration { Name = DefaultConfigurationMode.Standard, RetryMode = RequestRetryMode.Standard }]);

    private readonly AwsService _service;

    private ConfiguredEndpoint(AwsService service, RegionEndpoint region, string? profileName)
        : base(Defaults)
    {
        _service = service;
        ServiceId = service.ServiceId;
        RegionEndpoint = region;
        if (profileName is not null)
        {
            Profile = new Profile(profileName);
        }
    }

    public override string ServiceVersion => _service.ApiVersion;

    public override string UserAgent => "StackKit";

    public override string RegionEndpointServiceName => _service.EndpointPrefix;

    /// <summary>The endpoint configured for <paramref name="service"/>, or null when none is.</summary>
    public static Uri? Find(AwsService service, RegionEndpoint region, string? profileName)
    {
        var url = new ConfiguredEndpoint(service, region, profileName).ServiceURL;
        return string.IsNullOrEmpty(url) ? null : new Uri(url);
    }

    public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters) =>
        throw new NotSupportedException("StackKit resolves endpoints itself; this configuration only reads overrides.");
}
