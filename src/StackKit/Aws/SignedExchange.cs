using System.Net;
using System.Net.Http.Headers;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace StackKit.Aws;

/// <summary>
/// One SigV4-signed request and its whole answer, shared by the Query, JSON and REST-XML protocols: signing and credentials are
/// AWSSDK.Core's; a connection that fails or drops becomes a retryable <see cref="AwsServiceException"/>.
/// </summary>
internal sealed class SignedExchange(HttpClient http, AWSCredentials credentials, RegionEndpoint region)
{
    /// <summary>A POST, signed for <paramref name="signingRegion"/> when given (a resource in another region), else for the connection's region.</summary>
    public Task<(HttpStatusCode Status, string Body)> PostAsync(
        AwsService service, string action, Uri endpoint, byte[] body, string contentType,
        IReadOnlyDictionary<string, string> headers, RegionEndpoint? signingRegion, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, service, action, endpoint, (body, contentType), headers, signingRegion ?? region, cancellationToken);

    /// <summary>A GET without a body (REST protocols), signed for <paramref name="signingRegion"/> (a global service's).</summary>
    public Task<(HttpStatusCode Status, string Body)> GetAsync(
        AwsService service, string action, Uri uri, RegionEndpoint signingRegion, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, service, action, uri, null, new Dictionary<string, string>(), signingRegion, cancellationToken);

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(
        HttpMethod method, AwsService service, string action, Uri endpoint, (byte[] Bytes, string ContentType)? body,
        IReadOnlyDictionary<string, string> headers, RegionEndpoint signingRegion, CancellationToken cancellationToken)
    {
        var signing = new AWSSigningRequest { HttpMethod = method, RequestUri = endpoint, Content = body?.Bytes ?? [] };
        if (body is { } content)
        {
            signing.Headers["Content-Type"] = content.ContentType;
        }
        foreach (var header in headers)
        {
            signing.Headers[header.Key] = header.Value;
        }
        var signature = await AWSSigV4Signer.SignAsync(
            signing,
            new AWSSigV4Parameters { Credentials = credentials, Region = signingRegion, Service = service.SigningName },
            cancellationToken).ConfigureAwait(false);

        using var message = new HttpRequestMessage(method, endpoint);
        if (body is { } sent)
        {
            message.Content = new ByteArrayContent(sent.Bytes);
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(sent.ContentType);
        }
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
