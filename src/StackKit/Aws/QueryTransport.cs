using System.Net;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace StackKit.Aws;

/// <summary>
/// The AWS Query protocol over HTTP: a SigV4-signed form POST, an XML answer, the <c>ErrorResponse</c> envelope,
/// and retries with backoff for throttling, 5xx and dropped connections. Signing and credentials are AWSSDK.Core's.
/// </summary>
internal sealed class QueryTransport(SignedExchange exchange, Func<AwsService, Uri> endpointFor, RetryBackoff retry, TimeProvider time)
{
    private const string FormContentType = "application/x-www-form-urlencoded; charset=utf-8";
    private static readonly Dictionary<string, string> NoHeaders = [];

    /// <summary>Calls <paramref name="request"/> and returns its <c>&lt;ActionResult&gt;</c> element.</summary>
    public Task<XElement> SendAsync(AwsService service, QueryRequest request, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(request.ToFormBody(service.ApiVersion));
        var endpoint = endpointFor(service);
        return retry.RunAsync(() => SendOnceAsync(service, request.Action, endpoint, body, cancellationToken), time, cancellationToken);
    }

    private async Task<XElement> SendOnceAsync(AwsService service, string action, Uri endpoint, byte[] body, CancellationToken cancellationToken)
    {
        var (status, text) = await exchange.PostAsync(service, action, endpoint, body, FormContentType, NoHeaders, null, cancellationToken).ConfigureAwait(false);
        if ((int)status is < 200 or > 299)
        {
            throw ErrorFrom(action, status, text);
        }
        var root = ParseXml(action, status, text);
        return root.Element(root.Name.Namespace + $"{action}Result") ?? root;
    }

    internal static XElement ParseXml(string action, HttpStatusCode status, string text)
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

    /// <summary>Reads AWS's <c>&lt;ErrorResponse&gt;&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;</c> (Query and REST-XML alike), or describes a non-AWS answer.</summary>
    internal static AwsServiceException ErrorFrom(string action, HttpStatusCode status, string text)
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
