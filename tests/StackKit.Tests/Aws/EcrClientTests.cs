using System.Text.Json;
using Amazon.Runtime;
using StackKit.Aws;
using StackKit.Aws.Ecr;
using StackKit.Tests.FakeAws;
using StackKit.Tests.Moto;

namespace StackKit.Tests.Aws;

/// <summary>The ECR client speaks JSON 1.1 as botocore's <c>ecr</c> model says, and maps a missing image and a missing repository.</summary>
public sealed class EcrClientTests
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private const string Found =
        "{\"imageDetails\": [{\"registryId\": \"123456789012\", \"repositoryName\": \"svc/web\", \"imageDigest\": \"" + Digest + "\", " +
        "\"imageTags\": [\"1.4.0-abc1234\"], \"imageSizeInBytes\": 41943040, \"imagePushedAt\": 1764590401.5, \"imageManifestMediaType\": \"application/vnd.oci.image.manifest.v1+json\"}]}";

    [Fact]
    public async Task DescribeImages_sends_the_model_s_members_with_its_target_and_signing_name_and_reads_the_image()
    {
        await using var endpoint = await FakeJsonEndpoint.StartAsync(_ => (200, Found));
        using var aws = Connect(endpoint.Url);

        var byTag = await aws.Ecr.DescribeImageAsync("123456789012", "svc/web", "1.4.0-abc1234", null, default);
        await aws.Ecr.DescribeImageAsync("123456789012", "svc/web", null, Digest, default);

        Assert.Equal((Digest, "1.4.0-abc1234"), (byTag!.Digest, Assert.Single(byTag.Tags)));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1764590401500), byTag.PushedAt);
        var model = BotocoreModelTests.LoadModel("ecr");
        var metadata = model.GetProperty("metadata");
        var shapes = model.GetProperty("shapes");
        var input = shapes.GetProperty("DescribeImagesRequest").GetProperty("members");
        var identifier = shapes.GetProperty("ImageIdentifier").GetProperty("members");
        foreach (var request in endpoint.Requests)
        {
            Assert.Equal(metadata.GetProperty("targetPrefix").GetString() + ".DescribeImages", request.Target);
            Assert.Equal("application/x-amz-json-" + metadata.GetProperty("jsonVersion").GetString(), request.ContentType);
            // The model names a signing name (ecr) unlike its endpoint prefix (api.ecr): SigV4 signs with the former.
            Assert.Equal(metadata.GetProperty("signingName").GetString(), request.SigningService);
            foreach (var member in request.Body.EnumerateObject())
            {
                Assert.True(input.TryGetProperty(member.Name, out _), $"'{member.Name}' is not in botocore's DescribeImagesRequest.");
            }
            foreach (var member in Assert.Single(request.Body.GetProperty("imageIds").EnumerateArray()).EnumerateObject())
            {
                Assert.True(identifier.TryGetProperty(member.Name, out _), $"'{member.Name}' is not in botocore's ImageIdentifier.");
            }
        }
        Assert.Equal("1.4.0-abc1234", endpoint.Requests[0].Body.GetProperty("imageIds")[0].GetProperty("imageTag").GetString());
        Assert.Equal(Digest, endpoint.Requests[1].Body.GetProperty("imageIds")[0].GetProperty("imageDigest").GetString());
        Assert.Equal(("123456789012", "svc/web"), (endpoint.Requests[0].Body.GetProperty("registryId").GetString(), endpoint.Requests[0].Body.GetProperty("repositoryName").GetString()));
    }

    [Fact]
    public async Task A_missing_image_is_null_and_a_missing_repository_is_an_error_naming_itself()
    {
        await using var endpoint = await FakeJsonEndpoint.StartAsync(request => request.Body.GetProperty("repositoryName").GetString() == "gone"
            ? (400, """{"__type": "RepositoryNotFoundException", "message": "The repository with name 'gone' does not exist in the registry with id '123456789012'"}""")
            : (400, """{"__type": "ImageNotFoundException", "message": "The image with imageId {imageDigest:'null', imageTag:'2.0'} does not exist within the repository with name 'web' in the registry with id '123456789012'"}"""));
        using var aws = Connect(endpoint.Url);

        var missing = await aws.Ecr.DescribeImageAsync("123456789012", "web", "2.0", null, default);
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Ecr.DescribeImageAsync("123456789012", "gone", "2.0", null, default));

        Assert.Null(missing);
        Assert.True(EcrClient.IsRepositoryMissing(error), error.ErrorCode);
        Assert.Equal("DescribeImages", error.Action);
    }

    [Fact]
    public async Task The_aws_CLI_reads_the_fake_s_answer_as_this_client_does()
    {
        await using var endpoint = await FakeJsonEndpoint.StartAsync(_ => (200, Found));

        var (exitCode, stdout, stderr) = await MotoServer.RunAwsCliAsync(endpoint.Url, "ecr", "describe-images", "--repository-name", "svc/web", "--image-ids", "imageTag=1.4.0-abc1234");

        Assert.True(exitCode == 0, stderr);
        var image = JsonDocument.Parse(stdout).RootElement.GetProperty("imageDetails")[0];
        Assert.Equal((Digest, "1.4.0-abc1234"), (image.GetProperty("imageDigest").GetString(), image.GetProperty("imageTags")[0].GetString()));
        var request = Assert.Single(endpoint.Requests);
        Assert.Equal(("AmazonEC2ContainerRegistry_V20150921.DescribeImages", "ecr"), (request.Target, request.SigningService));
    }

    private static AwsConnection Connect(Uri endpoint) => AwsConnection.Create(
        new AwsClientOptions { Region = "us-east-1", EndpointUrl = endpoint, Credentials = new BasicAWSCredentials("AKIDFAKE", "fake-secret"), MaxAttempts = 2 },
        TimeProvider.System,
        new Random(3));
}
