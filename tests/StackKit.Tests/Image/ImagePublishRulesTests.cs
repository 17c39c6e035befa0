using Amazon.Runtime;
using StackKit.Aws.Ecr;
using StackKit.Images;
using StackKit.Tests.Moto;

namespace StackKit.Tests.Image;

/// <summary>The publish's rules that need no build: platforms by instance type, destinations, the ECR login on moto.</summary>
public sealed class ImagePublishRulesTests
{
    [Theory]
    [InlineData("t4g.small"), InlineData("m7g.large"), InlineData("c7gn.xlarge"), InlineData("r8gd.2xlarge"), InlineData("im4gn.large")]
    [InlineData("is4gen.medium"), InlineData("x2gd.medium"), InlineData("g5g.xlarge"), InlineData("hpc7g.4xlarge"), InlineData("a1.medium")]
    public void Graviton_types_get_amd64_and_arm64(string instanceType) =>
        Assert.Equal([ContainerPlatforms.Amd64, ContainerPlatforms.Arm64], ContainerPlatforms.For(instanceType));

    [Theory]
    [InlineData("t3.micro"), InlineData("m5.large"), InlineData("g4dn.xlarge"), InlineData("g4ad.xlarge"), InlineData("c5n.large")]
    [InlineData("m7i-flex.large"), InlineData("mac2-m2.metal"), InlineData("gr6.4xlarge"), InlineData("p5e.48xlarge"), InlineData("u-6tb1.metal")]
    public void Other_types_and_no_stack_get_amd64_alone(string instanceType)
    {
        Assert.Equal([ContainerPlatforms.Amd64], ContainerPlatforms.For(instanceType));
        Assert.Equal([ContainerPlatforms.Amd64], ContainerPlatforms.For(null));
    }

    [Theory]
    [InlineData("localhost:5000/team/web", true, "http://localhost:5000/v2/")]
    [InlineData("127.0.0.1:5000/web", true, "http://127.0.0.1:5000/v2/")]
    [InlineData("localhost.example.com:5000/web", false, "https://localhost.example.com:5000/v2/")]
    [InlineData("127.0.0.1.nip.io:5000/web", false, "https://127.0.0.1.nip.io:5000/v2/")]
    [InlineData("registry.example.com/team/web", false, "https://registry.example.com/v2/")]
    public void Plain_HTTP_is_for_this_machines_registries_alone(string repository, bool loopback, string apiRoot)
    {
        var destination = ImageDestination.Parse(repository, "Repository", "Repository");
        Assert.Equal(loopback, destination.IsLoopback);
        Assert.Equal(new Uri(apiRoot), destination.ApiRoot);
    }

    [Theory]
    [InlineData("registry.example.com/team/web:1.0", "no valid repository path")]
    [InlineData("registry.example.com/Team/web", "no valid repository path")]
    [InlineData("web", "names no registry")]
    [InlineData("team/web", "names no registry")]
    [InlineData("https://registry.example.com/web", "has a scheme")]
    public void Malformed_repositories_are_refused_with_the_reason(string repository, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => ImageDestination.Parse(repository, "Repository", "Repository"));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Equal("Repository", error.ParamName);
    }

    [Fact]
    public void An_ECR_repository_names_its_account_and_region()
    {
        Assert.Equal(new EcrRegistry("123456789012", "eu-west-1", false, "amazonaws.com"), ImageDestination.Parse("123456789012.dkr.ecr.eu-west-1.amazonaws.com/web", "Repository", "Repository").Ecr);
        Assert.Equal(new EcrRegistry("123456789012", "us-gov-west-1", true, "amazonaws.com"), ImageDestination.Parse("123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com/web", "Repository", "Repository").Ecr);
        Assert.Null(ImageDestination.Parse("registry.example.com/web", "Repository", "Repository").Ecr);
    }

    [Theory]
    [InlineData("123456789012.dkr.ecr.eu-west-1.amazonaws.com/web", "https://api.ecr.eu-west-1.amazonaws.com/", "eu-west-1")]
    [InlineData("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/web", "https://api.ecr.cn-north-1.amazonaws.com.cn/", "cn-north-1")]
    [InlineData("123456789012.dkr.ecr-fips.us-east-2.amazonaws.com/web", "https://ecr-fips.us-east-2.amazonaws.com/", "us-east-2")]
    [InlineData("123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com/web", "https://ecr-fips.us-gov-west-1.amazonaws.com/", "us-gov-west-1")]
    public async Task The_login_comes_from_ECR_in_the_registrys_region_whatever_the_connections(string repository, string endpoint, string region)
    {
        using var ecr = new CannedLogin();
        using var aws = AwsConnection.Create(new AwsClientOptions { Region = "us-east-1", Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "secret") }, ecr);
        var registry = ImageDestination.Parse(repository, "Repository", "Repository").Ecr;

        Assert.NotNull(registry);
        var login = await aws.EcrAuthorization.GetLoginAsync(registry, CancellationToken.None);

        Assert.Equal(("AWS", "token"), (login.UserName, login.Password));
        Assert.Equal([(new Uri(endpoint), $"{region}/ecr")], ecr.Asked);
    }

    /// <summary>Answers GetAuthorizationToken itself (nothing leaves the process) and records where it was sent and its SigV4 scope.</summary>
    internal sealed class CannedLogin : HttpMessageHandler
    {
        public List<(Uri Uri, string Scope)> Asked { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // AWS4-HMAC-SHA256 Credential=AKID/20261206/eu-west-1/ecr/aws4_request, SignedHeaders=..., Signature=...
            var scope = request.Headers.GetValues("Authorization").Single().Split(',')[0].Split('/');
            Asked.Add((request.RequestUri!, $"{scope[2]}/{scope[3]}"));
            var token = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("AWS:token"));
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK)
            {
                Content = new StringContent($"{{\"authorizationData\":[{{\"authorizationToken\":\"{token}\"}}]}}"),
            });
        }
    }
}

/// <summary>ECR's GetAuthorizationToken through the thin JSON 1.1 client, answered by moto.</summary>
[Collection(UsesMoto.Name)]
public sealed class EcrAuthorizationOnMotoTests(MotoServer moto)
{
    [Fact]
    public async Task The_login_is_the_user_name_and_password_of_the_decoded_token_signed_for_the_registrys_region()
    {
        using var scopes = new SigningScopes();
        using var aws = AwsConnection.Create(new AwsClientOptions
        {
            Region = MotoServer.Region, EndpointUrl = moto.Endpoint, Credentials = new BasicAWSCredentials(MotoServer.AccessKey, MotoServer.SecretKey),
        }, scopes);

        var login = await aws.EcrAuthorization.GetLoginAsync(EcrRegistry.Parse("123456789012.dkr.ecr.eu-central-1.amazonaws.com")!, CancellationToken.None);

        Assert.Equal("AWS", login.UserName);
        Assert.Equal("123456789012-auth-token", login.Password);
        Assert.Equal([(moto.Endpoint.Authority, "eu-central-1/ecr")], scopes.Seen);
    }

    /// <summary>Passes each request on to moto, recording its host and SigV4 scope.</summary>
    private sealed class SigningScopes() : DelegatingHandler(new HttpClientHandler())
    {
        public List<(string Host, string Scope)> Seen { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var scope = request.Headers.GetValues("Authorization").Single().Split(',')[0].Split('/');
            Seen.Add((request.RequestUri!.Authority, $"{scope[2]}/{scope[3]}"));
            return base.SendAsync(request, cancellationToken);
        }
    }
}
