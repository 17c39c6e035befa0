using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace StackKit.Aws;

/// <summary>
/// The AWS Query protocol over HTTP: a SigV4-signed form POST, an XML answer, the <c>ErrorResponse</c> envelope,
/// and retries with backoff for throttling, 5xx and dropped connections. Signing and credentials are AWSSDK.Core's.
/// </summary>
internal sealed class QueryTransport(
    HttpClient http,
    AWSCredentials credentials,
    RegionEndpoint region,
    Func<AwsService, Uri> endpointFor,
    RetryBackoff retry,
    TimeProvider time)
{
    private const string FormContentType = "application/x-www-form-urlencoded; charset=utf-8";

    /// <summary>Calls <paramref name="request"/> and returns its <c>&lt;ActionResult&gt;</c> element.</summary>
    public async Task<XElement> SendAsync(AwsService service, QueryRequest request, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(request.ToFormBody(service.ApiVersion));
        var endpoint = endpointFor(service);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SendOnceAsync(service, request.Action, endpoint, body, cancellationToken).ConfigureAwait(false);
            }
            catch (AwsServiceException error) when (attempt < retry.MaxAttempts && RetryBackoff.IsRetryable(error.StatusCode, error.ErrorCode))
            {
                await time.DelayAsync(retry.DelayAfter(attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<XElement> SendOnceAsync(AwsService service, string action, Uri endpoint, byte[] body, CancellationToken cancellationToken)
    {
        var signing = new AWSSigningRequest { HttpMethod = HttpMethod.Post, RequestUri = endpoint, Content = body };
        signing.Headers["Content-Type"] = FormContentType;
        var signature = await AWSSigV4Signer.SignAsync(
            signing,
            new AWSSigV4Parameters { Credentials = credentials, Region = region, Service = service.SigningName },
            cancellationToken).ConfigureAwait(false);

        using var message = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(FormContentType);
        foreach (var header in signature.Headers)
        {
            message.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        var (status, text) = await ExchangeAsync(message, action, endpoint, cancellationToken).ConfigureAwait(false);
        if ((int)status is < 200 or > 299)
        {
            throw ErrorFrom(action, status, text);
        }
        var root = ParseXml(action, status, text);
        return root.Element(root.Name.Namespace + $"{action}Result") ?? root;
    }

    /// <summary>Sends and reads the whole answer; a connection that fails or drops becomes a retryable error.</summary>
    private async Task<(HttpStatusCode Status, string Body)> ExchangeAsync(HttpRequestMessage message, string action, Uri endpoint, CancellationToken cancellationToken)
    {
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

    private static XElement ParseXml(string action, HttpStatusCode status, string text)
    {
        try
        {
            return XDocument.Parse(text).Root ?? throw new XmlException("The document has no root element.");
        }
        catch (XmlException error)
        {
            throw new AwsServiceException(action, status, "MalformedResponse", $"The answer is not XML: {error.Message}", null, error);
        }
    }

    /// <summary>Reads AWS's <c>&lt;ErrorResponse&gt;&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;</c>, or describes a non-AWS answer.</summary>
    private static AwsServiceException ErrorFrom(string action, HttpStatusCode status, string text)
    {
        XElement? root = null;
        try
        {
            root = XDocument.Parse(text).Root;
        }
        catch (XmlException)
        {
            // Not AWS's envelope (a proxy's or emulator's HTML page): described below from the status alone.
        }
        var error = root?.Descendants().FirstOrDefault(e => e.Name.LocalName == "Error");
        var code = error.ChildText("Code");
        if (code is null)
        {
            return new AwsServiceException(action, status, $"Http{(int)status}", $"HTTP {(int)status} {status} without an AWS error body.", null);
        }
        return new AwsServiceException(action, status, code, error.ChildText("Message") ?? "", root.ChildText("RequestId"));
    }
}
