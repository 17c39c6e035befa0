using System.Text.RegularExpressions;
using Amazon;
using Amazon.EC2;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
using Amazon.SecurityToken;
using StackKit.Aws;
using StackKit.Aws.AutoScaling;
using StackKit.Aws.CertificateManager;
using StackKit.Aws.CloudFormation;
using StackKit.Aws.Ecr;
using StackKit.Aws.ElasticLoadBalancing;
using StackKit.Aws.Logs;
using StackKit.Aws.Pricing;
using StackKit.Aws.Route53;
using StackKit.Aws.Sns;

namespace StackKit;

/// <summary>
/// A resolved way to call AWS: region, credentials and one endpoint per service, plus the service clients that share
/// them. Resolution follows the AWS SDKs: explicit options first, then environment variables, then the profile.
/// </summary>
public sealed class AwsConnection : IDisposable
{
    private static readonly AwsService[] Services =
        [
            AwsService.CloudFormation, AwsService.AutoScaling, AwsService.ElasticLoadBalancing, AwsService.ElasticLoadBalancingV2, AwsService.Logs,
            AwsService.CertificateManager, AwsService.Route53, AwsService.Sns, AwsService.Ecr,
        ];

    private static readonly Regex RegionName = new("^[a-z]{2,4}(-[a-z]+)+-[0-9]+$", RegexOptions.CultureInvariant);

    // Taken before any lookup of ours: the SDK adds every name it is asked for to its list, known or not.
    private static readonly string[] KnownRegions = [.. RegionEndpoint.EnumerableAllRegions.Select(known => known.SystemName).OrderBy(known => known, StringComparer.Ordinal)];

    private const int MaxResponseBytes = 16 * 1024 * 1024;

    private readonly HttpClient _http;
    private readonly Dictionary<AwsService, Uri> _endpoints;
    private readonly AWSCredentials _credentials;
    private readonly AwsClientOptions _options;
    private readonly Lazy<AmazonDynamoDBClient> _dynamoDb;
    private readonly Lazy<AmazonSecurityTokenServiceClient> _securityToken;

    private readonly HttpMessageHandler? _handler;

    private AwsConnection(AwsClientOptions options, AWSCredentials credentials, RegionEndpoint region, TimeProvider time, Random jitter, HttpMessageHandler? handler)
    {
        Region = region;
        _credentials = credentials;
        _options = options;
        var configured = Services.ToDictionary(service => service, service => options.EndpointUrl ?? ConfiguredEndpoint.Find(service, region, options.ProfileName));
        _endpoints = Services.ToDictionary(service => service, service => configured[service] ?? DefaultEndpoint(service, region));
        var pricingRegion = PricingClient.RegionFor(region);
        _endpoints[AwsService.Pricing] = options.EndpointUrl
            ?? ConfiguredEndpoint.Find(AwsService.Pricing, pricingRegion, options.ProfileName)
            ?? DefaultEndpoint(AwsService.Pricing, pricingRegion);
        var defaultCloudFormation = DefaultEndpoint(AwsService.CloudFormation, region);
        EndpointUrl = _endpoints[AwsService.CloudFormation] == defaultCloudFormation ? null : _endpoints[AwsService.CloudFormation];
        _handler = handler;
        // A handler the caller passed is the caller's to dispose.
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        // AWS's largest answers here are about 1 MB (a FilterLogEvents page, a template); a misbehaving endpoint must
        // not make StackKit buffer gigabytes.
        _http.MaxResponseContentBufferSize = MaxResponseBytes;
        var exchange = new SignedExchange(_http, credentials, region);
        var retry = new RetryBackoff(options.MaxAttempts, jitter);
        var transport = new QueryTransport(exchange, EndpointFor, retry, time);
        var json = new JsonTransport(exchange, EndpointFor, retry, time);
        Logs = new LogsClient(json);
        CertificateManager = new CertificateManagerClient(json);
        Ecr = new EcrClient(json);
        // Signed for the Price List API's own region, which is not the stack's.
        Pricing = new PricingClient(new JsonTransport(new SignedExchange(_http, credentials, pricingRegion), EndpointFor, retry, time), _endpoints[AwsService.Pricing]);
        Route53 = new Route53Client(new RestXmlTransport(exchange, EndpointFor, retry, time), GlobalEndpoint.Route53(region).SigningRegion);
        Sns = new SnsClient(transport);
        EcrAuthorization = new EcrAuthorizationClient(json, registry => configured[AwsService.Ecr] ?? registry.ApiEndpoint);
        CloudFormation = new CloudFormationClient(transport);
        AutoScaling = new AutoScalingClient(transport);
        LoadBalancing = new LoadBalancingClient(transport);
        _dynamoDb = new(() => new AmazonDynamoDBClient(credentials, SdkClientSettings.Apply(new AmazonDynamoDBConfig(), options, region, handler)));
        _securityToken = new(() => new AmazonSecurityTokenServiceClient(credentials, SdkClientSettings.Apply(new AmazonSecurityTokenServiceConfig(), options, region, handler)));
    }

    /// <summary>The region every call goes to.</summary>
    public RegionEndpoint Region { get; }

    /// <summary>The endpoint CloudFormation calls go to when it is not AWS's own (an emulator, a proxy); null for AWS's.</summary>
    public Uri? EndpointUrl { get; }

    internal CloudFormationClient CloudFormation { get; }

    internal AutoScalingClient AutoScaling { get; }

    internal LoadBalancingClient LoadBalancing { get; }

    internal LogsClient Logs { get; }

    internal CertificateManagerClient CertificateManager { get; }

    internal Route53Client Route53 { get; }

    internal EcrClient Ecr { get; }

    internal SnsClient Sns { get; }

    internal PricingClient Pricing { get; }

    internal EcrAuthorizationClient EcrAuthorization { get; }

    /// <summary>DynamoDB (AWSSDK), made on first use.</summary>
    internal IAmazonDynamoDB DynamoDB => _dynamoDb.Value;

    /// <summary>STS (AWSSDK), made on first use.</summary>
    internal IAmazonSecurityTokenService SecurityToken => _securityToken.Value;

    /// <summary>Resolves region and credentials now, so a missing one is reported before any work starts.</summary>
    /// <param name="options">What the caller set; null resolves everything from the environment.</param>
    /// <param name="handler">
    /// Every HTTP call (the AWS SDK clients' too) goes through it when given: a proxy, a recording or delaying handler
    /// in tests. The caller disposes it after the connection.
    /// </param>
    /// <exception cref="AwsConfigurationException">No region, no credentials, or an endpoint that is not an http(s) URL.</exception>
    /// <exception cref="ArgumentException">A malformed region name or an unknown profile.</exception>
    public static AwsConnection Create(AwsClientOptions? options = null, HttpMessageHandler? handler = null) => Create(options, null, null, handler);

    /// <summary>The full form, with the clock and randomness tests control.</summary>
    internal static AwsConnection Create(AwsClientOptions? options, TimeProvider? time, Random? jitter = null, HttpMessageHandler? handler = null)
    {
        options ??= new AwsClientOptions();
        if (options.EndpointUrl is { } endpoint && !(endpoint.IsAbsoluteUri && (endpoint.Scheme == Uri.UriSchemeHttp || endpoint.Scheme == Uri.UriSchemeHttps)))
        {
            throw new AwsConfigurationException(
                $"Endpoint '{endpoint.OriginalString}' is not an absolute http:// or https:// URL; pass one such as http://127.0.0.1:5000.");
        }
        var profile = FindProfile(options.ProfileName);
        var region = ResolveRegion(options, profile);
        var credentials = ResolveCredentials(options, profile);
        return new AwsConnection(options, credentials, region, time ?? TimeProvider.System, jitter ?? new Random(), handler);
    }

    /// <summary>
    /// A new EC2 client (AWSSDK.EC2) with this connection's credentials and region. Its endpoint is the explicit one,
    /// else what the SDK resolves itself (AWS_ENDPOINT_URL_EC2, the profile's endpoint_url, then AWS). The caller
    /// disposes it.
    /// </summary>
    internal AmazonEC2Client CreateEc2Client() =>
        new(_credentials, SdkClientSettings.Apply(new AmazonEC2Config(), _options, Region, _handler));

    private static Uri DefaultEndpoint(AwsService service, RegionEndpoint region) =>
        service == AwsService.Route53
            ? GlobalEndpoint.Route53(region).Endpoint
            : new($"https://{service.EndpointPrefix}.{region.SystemName}.{region.PartitionDnsSuffix}/");

    /// <summary>The endpoint calls to <paramref name="service"/> go to.</summary>
    internal Uri EndpointFor(AwsService service) => _endpoints[service];

    /// <summary>Releases the HTTP connections.</summary>
    public void Dispose()
    {
        _http.Dispose();
        if (_dynamoDb.IsValueCreated)
        {
            _dynamoDb.Value.Dispose();
        }
        if (_securityToken.IsValueCreated)
        {
            _securityToken.Value.Dispose();
        }
    }

    private static CredentialProfile? FindProfile(string? profileName)
    {
        if (profileName is null)
        {
            return null;
        }
        return new CredentialProfileStoreChain().TryGetProfile(profileName, out var profile)
            ? profile
            : throw new ArgumentException(
                $"AWS profile '{profileName}' is not in the shared config or credentials files (~/.aws/config, ~/.aws/credentials). " +
                "Create it with 'aws configure --profile NAME' or pass another profile name.", nameof(profileName));
    }

    private static RegionEndpoint ResolveRegion(AwsClientOptions options, CredentialProfile? profile)
    {
        if (options.Region is { } name)
        {
#pragma warning disable CA2208 // The option's name is what the caller set wrong.
            if (!RegionName.IsMatch(name))
            {
                throw new ArgumentException($"'{name}' is not an AWS region name; use one such as us-east-1 or eu-west-2.", nameof(options.Region));
            }
            var given = RegionEndpoint.GetBySystemName(name);
            return Unknown(given, "the region given") is { } refusal ? throw new ArgumentException(refusal, nameof(options.Region)) : given;
#pragma warning restore CA2208
        }
        // Instance metadata is left out: probing it off EC2 stalls for seconds before failing.
        var (found, source) = profile?.Region is { } profileRegion
            ? (profileRegion, $"profile '{profile.Name}'")
            : (FallbackRegionFactory.GetRegionEndpoint(includeInstanceMetadata: false), "AWS_REGION or AWS_DEFAULT_REGION");
        if (found is null)
        {
            throw new AwsConfigurationException(
                "No AWS region is set. Pass a region, set AWS_REGION, or add 'region = ...' to your profile in ~/.aws/config.");
        }
        return Unknown(found, source) is { } problem ? throw new AwsConfigurationException(problem) : found;
    }

    /// <summary>
    /// Why <paramref name="region"/> is refused, or null when the SDK knows it. The SDK makes an endpoint for any name,
    /// so a mistyped region (eu-west-9) would otherwise end in a DNS failure or an emulator's HTTP 500 that never says
    /// "region".
    /// </summary>
    private static string? Unknown(RegionEndpoint region, string source)
    {
        var name = region.SystemName;
        if (KnownRegions.Contains(name, StringComparer.Ordinal))
        {
            return null;
        }
        var area = name.Substring(0, name.LastIndexOf('-') + 1);
        var alike = KnownRegions.Where(known => known.StartsWith(area, StringComparison.Ordinal)).ToList();
        var suggestion = alike.Count > 0 ? $"; {area}* has {string.Join(", ", alike)}" : "; use one such as us-east-1 or eu-west-2";
        return $"Region '{name}' ({source}) is not an AWS region{suggestion}. A region newer than this StackKit needs a newer StackKit.";
    }

    private static AWSCredentials ResolveCredentials(AwsClientOptions options, CredentialProfile? profile)
    {
        if (options.Credentials is { } explicitCredentials)
        {
            return explicitCredentials;
        }
        if (profile is not null)
        {
            return AWSCredentialsFactory.GetAWSCredentials(profile, new CredentialProfileStoreChain());
        }
        try
        {
            return DefaultAWSCredentialsIdentityResolver.GetCredentials(null);
        }
        catch (AmazonClientException error)
        {
            throw new AwsConfigurationException(
                "No AWS credentials were found. Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, run 'aws configure' " +
                "(or 'aws sso login' for SSO profiles), or pass a profile name.", error);
        }
    }
}
