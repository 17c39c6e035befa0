using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon;

namespace StackKit.Aws.Ecr;

/// <summary>
/// ECR's GetAuthorizationToken over the JSON 1.1 protocol (botocore's <c>ecr</c> model): a registry login, valid for
/// 12 hours, as the user name and password a push sends. The password is a secret: it goes to the push's environment
/// and nowhere else. A login is valid for its own region's registries alone, so it is asked of ECR in the registry's
/// region (at <paramref name="endpointFor"/>: the ECR endpoint override when one is configured, else the registry's
/// own API endpoint), whatever region the connection is in.
/// </summary>
internal sealed class EcrAuthorizationClient(JsonTransport transport, Func<EcrRegistry, Uri> endpointFor)
{
    /// <summary>The login for <paramref name="registry"/>.</summary>
    public async Task<NetworkCredential> GetLoginAsync(EcrRegistry registry, CancellationToken cancellationToken)
    {
        // registryIds is deprecated but still honoured: it picks another account's registry the caller may push to.
        var input = new JsonObject { ["registryIds"] = new JsonArray(registry.Account) };
        var answer = await transport.SendAsync(
            AwsService.Ecr, "GetAuthorizationToken", input, endpointFor(registry), RegionEndpoint.GetBySystemName(registry.Region), cancellationToken).ConfigureAwait(false);
        var token = answer.TryGetProperty("authorizationData", out var data) && data.ValueKind == JsonValueKind.Array
            ? data.EnumerateArray().Select(item => item.Text("authorizationToken")).FirstOrDefault(text => text is not null)
            : null;
        string decoded;
        try
        {
            decoded = token is null ? string.Empty : Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException)
        {
            decoded = string.Empty;
        }
        var colon = decoded.IndexOf(':');
        if (colon <= 0)
        {
            throw new AwsServiceException("GetAuthorizationToken", HttpStatusCode.OK, "MalformedResponse", "The answer holds no authorization token of the form base64(user:password).", null);
        }
        return new NetworkCredential(decoded.Substring(0, colon), decoded.Substring(colon + 1));
    }
}
