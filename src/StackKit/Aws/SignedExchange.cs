using System.Net;
using System.Net.Http.Headers;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace StackKit.Aws;

/// <summary>
/// One SigV4-signed POST and its whole answer, shared by the Query and JSON protocols: signing and credentials are
/// AWSSDK.Core's; a connection that fails or drops becomes a retryable <see cref="AwsServiceException"/>.
/// </summary>
internal sealed class SignedExchange(HttpClient http, AWSCredentials credentials, RegionEndpoint region)
{
    public async Task<(HttpStatusCode Status, string Body)> PostAsync(
        AwsService service, string action, Uri endpoint, byte[] body, string contentType,
        IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken)
    {
        var signing = new AWSSigningRequest { HttpMethod = HttpMethod.Post, RequestUri = endpoint, Content = body };
        signing.Headers["Content-Type"] = contentType;
        foreach (var header in headers)
        {
            signing.Headers[header.Key] = header.Value;
        }
        var signature = await AWSSigV4Signer.SignAsync(
            signing,
            new AWSSigV4Parameters { Credentials = credentials, Region = region, Service = service.SigningName },
            cancellationToken).ConfigureAwait(false);

        using var message = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        // The signature's headers include the ones signed (ours among them): each is sent once.
        foreach (var header in signature.Headers.Where(h => !headers.ContainsKey(h.Key)).Concat(headers))
        {
            message.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
        try
        {
            using var response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
#pragma warning disable CA2016 // SendAsync has buffered the body already; netstandard2.0 has no overload taking the token.
            return (response.StatusCode, await response.Content.ReadAsStringAsync().ConfigureAwait(false));
#pragma warning restore CA2016
        }
        catch (Exception error) when (error is HttpRequestException or IOException
                                      || (error is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new AwsServiceException(action, null, "ConnectionFailed", $"No answer from {endpoint}: {error.Message}", null, error);
        }
    }
}
