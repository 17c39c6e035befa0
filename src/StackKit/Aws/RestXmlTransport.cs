using System.Xml.Linq;
using Amazon;

namespace StackKit.Aws;

/// <summary>
/// The AWS REST-XML protocol's reads (Route 53): a SigV4-signed GET of the operation's URI, an XML answer, the same
/// <c>ErrorResponse</c> envelope and retries as the Query protocol.
/// </summary>
internal sealed class RestXmlTransport(SignedExchange exchange, Func<AwsService, Uri> endpointFor, RetryBackoff retry, TimeProvider time)
{
    /// <summary>GETs <paramref name="path"/> (already escaped) from the service's endpoint and returns the answer's root element.</summary>
    public Task<XElement> GetAsync(AwsService service, string operation, string path, RegionEndpoint signingRegion, CancellationToken cancellationToken)
    {
        var uri = new Uri(endpointFor(service), path);
        return retry.RunAsync(() => GetOnceAsync(service, operation, uri, signingRegion, cancellationToken), time, cancellationToken);
    }

    private async Task<XElement> GetOnceAsync(AwsService service, string operation, Uri uri, RegionEndpoint signingRegion, CancellationToken cancellationToken)
    {
        var (status, text) = await exchange.GetAsync(service, operation, uri, signingRegion, cancellationToken).ConfigureAwait(false);
        if ((int)status is < 200 or > 299)
        {
            throw QueryTransport.ErrorFrom(operation, status, text);
        }
        return QueryTransport.ParseXml(operation, status, text);
    }
}
