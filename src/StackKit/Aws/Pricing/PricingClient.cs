using System.Text.Json.Nodes;
using Amazon;

namespace StackKit.Aws.Pricing;

/// <summary>
/// The Price List Query API's GetProducts, mapped to and from the JSON 1.1 protocol (botocore's pricing 2017-10-15
/// model): TERM_MATCH filters in, each matching product as a JSON document (a string in <c>PriceList</c>) out.
/// </summary>
internal sealed class PricingClient(JsonTransport transport, Uri endpoint)
{
    /// <summary>Where the calls go: prices from one endpoint (AWS, a stand-in) are never taken for another's.</summary>
    public Uri Endpoint { get; } = endpoint;

    // The model's MaxResults maximum: one call answers most queries whole.
    private const int PageSize = 100;

    // A query StackKit makes matches a handful of products; more pages than this means a filter went wrong.
    private const int MaxPages = 5;

    /// <summary>
    /// The API's region nearest to <paramref name="region"/>: it has endpoints in us-east-1, eu-central-1 and
    /// ap-south-1 only, and each answers for every region.
    /// </summary>
    public static RegionEndpoint RegionFor(RegionEndpoint region) =>
        region.SystemName.StartsWith("eu-", StringComparison.Ordinal) || region.SystemName.StartsWith("me-", StringComparison.Ordinal)
        || region.SystemName.StartsWith("af-", StringComparison.Ordinal) || region.SystemName.StartsWith("il-", StringComparison.Ordinal)
            ? RegionEndpoint.EUCentral1
            : region.SystemName.StartsWith("ap-", StringComparison.Ordinal) ? RegionEndpoint.APSouth1 : RegionEndpoint.USEast1;

    /// <summary>Every product of <paramref name="serviceCode"/> matching all <paramref name="filters"/> (field, value), as its JSON document.</summary>
    public async Task<IReadOnlyList<string>> GetProductsAsync(string serviceCode, IEnumerable<KeyValuePair<string, string>> filters, CancellationToken cancellationToken)
    {
        var terms = new JsonArray();
        foreach (var filter in filters)
        {
            terms.Add(new JsonObject { ["Type"] = "TERM_MATCH", ["Field"] = filter.Key, ["Value"] = filter.Value });
        }
        var products = new List<string>();
        string? nextToken = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var input = new JsonObject
            {
                ["ServiceCode"] = serviceCode,
                ["Filters"] = terms.DeepClone(),
                ["FormatVersion"] = "aws_v1",
                ["MaxResults"] = PageSize,
            };
            if (nextToken is not null)
            {
                input["NextToken"] = nextToken;
            }
            var answer = await transport.SendAsync(AwsService.Pricing, "GetProducts", input, cancellationToken).ConfigureAwait(false);
            products.AddRange(answer.Texts("PriceList"));
            nextToken = answer.Text("NextToken");
            if (string.IsNullOrEmpty(nextToken))
            {
                return products;
            }
        }
        throw new AwsServiceException("GetProducts", null, "TooManyProducts", $"{serviceCode} matched more than {MaxPages * PageSize} products; the filters are too loose.", null);
    }
}
