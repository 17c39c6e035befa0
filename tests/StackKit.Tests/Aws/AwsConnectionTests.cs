using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using StackKit.Aws;
using StackKit.Tests.FakeAws;

namespace StackKit.Tests.Aws;

/// <summary>Process-wide environment variables: these tests must not overlap with each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ChangesEnvironment
{
    public const string Name = "changes environment";
}

/// <summary>Endpoint, region and credential resolution, as the AWS SDKs define it.</summary>
[Collection(ChangesEnvironment.Name)]
public sealed class AwsConnectionTests
{
    private static readonly BasicAWSCredentials TestCredentials = new("AKIDFAKE", "fake-secret");

    [Fact]
    public async Task AWS_ENDPOINT_URL_for_a_service_wins_over_the_global_one()
    {
        var clock = new SteppingClock();
        await using var cloudFormation = await FakeAwsEndpoint.StartAsync(clock, r => FakeAwsResponse.Result(r));
        await using var everythingElse = await FakeAwsEndpoint.StartAsync(clock, r => FakeAwsResponse.Result(r));
        using var environment = new EnvironmentScope(new()
        {
            ["AWS_ENDPOINT_URL_CLOUDFORMATION"] = cloudFormation.Url.ToString(),
            ["AWS_ENDPOINT_URL"] = everythingElse.Url.ToString(),
        });
        using var aws = AwsConnection.Create(new AwsClientOptions { Region = "eu-west-1", Credentials = TestCredentials }, clock);

        await aws.CloudFormation.DescribeStacksAsync(CancellationToken.None);
        await aws.AutoScaling.DescribeAutoScalingGroupsAsync(["g"], CancellationToken.None);

        Assert.Equal(["DescribeStacks"], cloudFormation.Requests.Select(r => r.Action));
        Assert.Equal(["DescribeAutoScalingGroups"], everythingElse.Requests.Select(r => r.Action));
        Assert.Equal(("autoscaling", "eu-west-1"), (everythingElse.Requests[0].Service, everythingElse.Requests[0].Region));
    }

    [Fact]
    public async Task The_Price_List_takes_AWS_ENDPOINT_URL_PRICING_and_is_signed_for_its_own_region_not_the_stack_s()
    {
        await using var pricing = await FakeJsonEndpoint.StartAsync(_ => (200, "{\"FormatVersion\":\"aws_v1\",\"PriceList\":[]}"));
        using var environment = new EnvironmentScope(new() { ["AWS_ENDPOINT_URL"] = null, ["AWS_ENDPOINT_URL_PRICING"] = pricing.Url.ToString() });
        using var aws = AwsConnection.Create(new AwsClientOptions { Region = "eu-west-1", Credentials = TestCredentials });

        await aws.Pricing.GetProductsAsync("AmazonEC2", [new("regionCode", "eu-west-1")], CancellationToken.None);

        var request = Assert.Single(pricing.Requests);
        Assert.Equal(("AWSPriceListService.GetProducts", "pricing", "eu-central-1"), (request.Target, request.SigningService, request.SigningRegion));
        Assert.Equal(new Uri("https://cloudformation.eu-west-1.amazonaws.com/"), aws.EndpointFor(AwsService.CloudFormation));

        // Without the variable: the API's own endpoint nearest the stack's region (it has three).
        Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_PRICING", null);
        using var europe = AwsConnection.Create(new AwsClientOptions { Region = "eu-west-1", Credentials = TestCredentials });
        using var asia = AwsConnection.Create(new AwsClientOptions { Region = "ap-northeast-1", Credentials = TestCredentials });
        using var americas = AwsConnection.Create(new AwsClientOptions { Region = "us-west-2", Credentials = TestCredentials });
        Assert.Equal(
            (new Uri("https://api.pricing.eu-central-1.amazonaws.com/"), new Uri("https://api.pricing.ap-south-1.amazonaws.com/"), new Uri("https://api.pricing.us-east-1.amazonaws.com/")),
            (europe.EndpointFor(AwsService.Pricing), asia.EndpointFor(AwsService.Pricing), americas.EndpointFor(AwsService.Pricing)));
    }

    [Fact]
    public async Task An_explicit_endpoint_wins_over_the_environment()
    {
        var clock = new SteppingClock();
        await using var chosen = await FakeAwsEndpoint.StartAsync(clock, r => FakeAwsResponse.Result(r));
        using var environment = new EnvironmentScope(new() { ["AWS_ENDPOINT_URL_CLOUDFORMATION"] = "http://127.0.0.1:9/" });
        using var aws = AwsConnection.Create(new AwsClientOptions { Region = "us-east-1", EndpointUrl = chosen.Url, Credentials = TestCredentials }, clock);

        await aws.CloudFormation.DescribeStacksAsync(CancellationToken.None);

        Assert.Single(chosen.Requests);
    }

    [Fact]
    public void Without_an_override_each_service_goes_to_its_regional_AWS_endpoint()
    {
        using var environment = new EnvironmentScope(new()
        {
            ["AWS_ENDPOINT_URL"] = null,
            ["AWS_ENDPOINT_URL_CLOUDFORMATION"] = null,
        });
        using var aws = AwsConnection.Create(new AwsClientOptions { Region = "eu-central-1", Credentials = TestCredentials });

        Assert.Equal(new Uri("https://cloudformation.eu-central-1.amazonaws.com/"), aws.EndpointFor(AwsService.CloudFormation));
        Assert.Equal(new Uri("https://elasticloadbalancing.eu-central-1.amazonaws.com/"), aws.EndpointFor(AwsService.ElasticLoadBalancingV2));
        Assert.Equal(new Uri("https://acm.eu-central-1.amazonaws.com/"), aws.EndpointFor(AwsService.CertificateManager));
        Assert.Equal(new Uri("https://sns.eu-central-1.amazonaws.com/"), aws.EndpointFor(AwsService.Sns));
        // Route 53 is global: one endpoint for the partition, whatever the region.
        Assert.Equal(new Uri("https://route53.amazonaws.com/"), aws.EndpointFor(AwsService.Route53));
    }

    [Fact]
    public void Route_53_and_ACM_take_their_own_AWS_ENDPOINT_URL_variables_and_Route_53_its_partition_s_endpoint()
    {
        using var environment = new EnvironmentScope(new()
        {
            ["AWS_ENDPOINT_URL"] = null,
            ["AWS_ENDPOINT_URL_ROUTE_53"] = "http://127.0.0.1:4566/",
            ["AWS_ENDPOINT_URL_ACM"] = "http://127.0.0.1:4567/",
        });
        using var configured = AwsConnection.Create(new AwsClientOptions { Region = "eu-central-1", Credentials = TestCredentials });
        Assert.Equal((new Uri("http://127.0.0.1:4566/"), new Uri("http://127.0.0.1:4567/")), (configured.EndpointFor(AwsService.Route53), configured.EndpointFor(AwsService.CertificateManager)));

        Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_ROUTE_53", null);
        using var china = AwsConnection.Create(new AwsClientOptions { Region = "cn-north-1", Credentials = TestCredentials });
        Assert.Equal(new Uri("https://route53.amazonaws.com.cn/"), china.EndpointFor(AwsService.Route53));
    }

    [Fact]
    public async Task Region_and_credentials_come_from_the_environment_through_the_SDK_chain()
    {
        var clock = new SteppingClock();
        await using var endpoint = await FakeAwsEndpoint.StartAsync(clock, r => FakeAwsResponse.Result(r));
        using var environment = new EnvironmentScope(new()
        {
            ["AWS_REGION"] = "ap-southeast-2",
            ["AWS_ACCESS_KEY_ID"] = "AKIDFROMENV",
            ["AWS_SECRET_ACCESS_KEY"] = "env-secret",
            ["AWS_PROFILE"] = null,
        });
        using var aws = AwsConnection.Create(new AwsClientOptions { EndpointUrl = endpoint.Url }, clock);

        await aws.CloudFormation.DescribeStacksAsync(CancellationToken.None);

        Assert.Equal("ap-southeast-2", aws.Region.SystemName);
        Assert.Equal("ap-southeast-2", endpoint.Requests[0].Region);
        Assert.Equal("AKIDFROMENV", endpoint.Requests[0].AccessKey);
    }

    [Fact]
    public void An_unknown_profile_is_named_in_the_error()
    {
        var profile = $"stackkit-missing-{Guid.NewGuid():N}";

        var error = Assert.Throws<ArgumentException>(() => AwsConnection.Create(new AwsClientOptions { ProfileName = profile, Region = "us-east-1" }));

        Assert.Contains($"'{profile}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("aws configure --profile", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("us-est1")]
    [InlineData("US-EAST-1")]
    [InlineData("https://cloudformation.us-east-1.amazonaws.com")]
    public void A_malformed_region_is_refused_before_any_call(string region)
    {
        var error = Assert.Throws<ArgumentException>(() => AwsConnection.Create(new AwsClientOptions { Region = region, Credentials = TestCredentials }));

        Assert.Contains($"'{region}' is not an AWS region name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_region_AWS_does_not_have_is_refused_by_name_with_the_regions_that_look_like_it()
    {
        var error = Assert.Throws<ArgumentException>(() => AwsConnection.Create(new AwsClientOptions { Region = "eu-west-9", Credentials = TestCredentials }));

        Assert.Equal("Region", error.ParamName);
        Assert.StartsWith("Region 'eu-west-9' (the region given) is not an AWS region; eu-west-* has eu-west-1, eu-west-2, eu-west-3.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_key_table_client_goes_where_the_connection_goes_explicit_endpoint_first_then_AWS_ENDPOINT_URL_DYNAMODB_signed_for_its_region()
    {
        using var environment = new EnvironmentScope(new() { ["AWS_ENDPOINT_URL_DYNAMODB"] = "http://127.0.0.1:4566/", ["AWS_ENDPOINT_URL"] = null });
        var region = RegionEndpoint.EUWest2;

        var configured = SdkClientSettings.Apply(new AmazonDynamoDBConfig(), new AwsClientOptions { MaxAttempts = 3 }, region);
        var explicitEndpoint = SdkClientSettings.Apply(new AmazonDynamoDBConfig(), new AwsClientOptions { EndpointUrl = new Uri("http://127.0.0.1:5000") }, region);

        // Signed for the connection's region: moto and LocalStack keep each region's resources apart by it.
        Assert.Equal(("http://127.0.0.1:4566/", 2, "eu-west-2"), (configured.ServiceURL, configured.MaxErrorRetry, configured.AuthenticationRegion));
        Assert.Equal(("http://127.0.0.1:5000/", "eu-west-2"), (explicitEndpoint.ServiceURL, explicitEndpoint.AuthenticationRegion));
    }

    /// <summary>Sets environment variables for one test and puts the old values back.</summary>
    private sealed class EnvironmentScope : IDisposable
    {
        private readonly Dictionary<string, string?> _previous = [];

        public EnvironmentScope(Dictionary<string, string?> values)
        {
            foreach (var (name, value) in values)
            {
                _previous[name] = Environment.GetEnvironmentVariable(name);
                Environment.SetEnvironmentVariable(name, value);
            }
        }

        public void Dispose()
        {
            foreach (var (name, value) in _previous)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }
}
