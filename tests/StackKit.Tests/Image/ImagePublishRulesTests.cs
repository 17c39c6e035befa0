using Amazon.Runtime;
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
    public void An_ECR_repository_names_its_account()
    {
        Assert.Equal("123456789012", ImageDestination.Parse("123456789012.dkr.ecr.eu-west-1.amazonaws.com/web", "Repository", "Repository").EcrAccount);
        Assert.Null(ImageDestination.Parse("registry.example.com/web", "Repository", "Repository").EcrAccount);
    }
}

/// <summary>ECR's GetAuthorizationToken through the thin JSON 1.1 client, answered by moto.</summary>
[Collection(UsesMoto.Name)]
public sealed class EcrAuthorizationOnMotoTests(MotoServer moto)
{
    [Fact]
    public async Task The_login_is_the_user_name_and_password_of_the_decoded_token()
    {
        using var aws = AwsConnection.Create(new AwsClientOptions
        {
            Region = MotoServer.Region, EndpointUrl = moto.Endpoint, Credentials = new BasicAWSCredentials(MotoServer.AccessKey, MotoServer.SecretKey),
        });

        var login = await aws.EcrAuthorization.GetLoginAsync("123456789012", CancellationToken.None);

        Assert.Equal("AWS", login.UserName);
        Assert.Equal("123456789012-auth-token", login.Password);
    }
}
