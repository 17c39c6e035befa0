using System.Text.Json;
using System.Text.Json.Nodes;

namespace StackKit.Aws.Ecr;

/// <summary>The ECR operation StackKit calls, mapped to and from the JSON 1.1 protocol (botocore's ecr 2015-09-21 model).</summary>
internal sealed class EcrClient(JsonTransport transport)
{
    /// <summary>ECR's answer when the repository does not exist in that registry.</summary>
    public static bool IsRepositoryMissing(AwsServiceException error) => error.ErrorCode == "RepositoryNotFoundException";

    /// <summary>
    /// The image tagged <paramref name="tag"/> (or with <paramref name="digest"/>) in repository
    /// <paramref name="repositoryName"/> of account <paramref name="registryId"/>'s registry, or null when there is no
    /// such image (<c>ImageNotFoundException</c>).
    /// </summary>
    /// <exception cref="AwsServiceException"><c>RepositoryNotFoundException</c> (see <see cref="IsRepositoryMissing"/>), access denied, throttling.</exception>
    public async Task<EcrImageDetail?> DescribeImageAsync(string registryId, string repositoryName, string? tag, string? digest, CancellationToken cancellationToken)
    {
        var id = new JsonObject();
        if (digest is not null)
        {
            id["imageDigest"] = digest;
        }
        else
        {
            id["imageTag"] = tag ?? "latest";
        }
        var input = new JsonObject { ["registryId"] = registryId, ["repositoryName"] = repositoryName, ["imageIds"] = new JsonArray(id) };
        try
        {
            var answer = await transport.SendAsync(AwsService.Ecr, "DescribeImages", input, cancellationToken).ConfigureAwait(false);
            return answer.TryGetProperty("imageDetails", out var details) && details.ValueKind == JsonValueKind.Array && details.GetArrayLength() > 0
                ? EcrImageDetail.FromJson(details[0])
                : null;
        }
        catch (AwsServiceException error) when (error.ErrorCode == "ImageNotFoundException")
        {
            return null;
        }
    }
}
