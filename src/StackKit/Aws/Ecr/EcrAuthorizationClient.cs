using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StackKit.Aws.Ecr;

/// <summary>
/// ECR's GetAuthorizationToken over the JSON 1.1 protocol (botocore's <c>ecr</c> model): a registry login, valid for
/// 12 hours, as the user name and password a push sends. The password is a secret: it goes to the push's environment
/// and nowhere else.
/// </summary>
internal sealed class EcrAuthorizationClient(JsonTransport transport)
{
    /// <summary>The login for the registry of <paramref name="accountId"/>.</summary>
    public async Task<NetworkCredential> GetLoginAsync(string accountId, CancellationToken cancellationToken)
    {
        // registryIds is deprecated but still honoured: it picks another account's registry the caller may push to.
        var input = new JsonObject { ["registryIds"] = new JsonArray(accountId) };
        var answer = await transport.SendAsync(AwsService.Ecr, "GetAuthorizationToken", input, cancellationToken).ConfigureAwait(false);
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
