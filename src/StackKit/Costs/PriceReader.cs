using StackKit.Aws.Pricing;

namespace StackKit.Costs;

/// <summary>
/// Prices for one estimate: each distinct GetProducts request is made once (queries that differ only in usage type
/// or unit share it), and not at all when the disk cache has its answer from the last day.
/// </summary>
internal sealed class PriceReader(PricingClient client, PriceCache cache)
{
    private readonly Dictionary<string, Task<(IReadOnlyList<string>? Products, string? Problem)>> _requests = new(StringComparer.Ordinal);

    /// <summary>The price <paramref name="query"/> asks for, or why it could not be read.</summary>
    public async Task<(decimal? Price, string? Problem)> PriceAsync(PriceQuery query, CancellationToken cancellationToken)
    {
        if (!_requests.TryGetValue(query.RequestKey, out var request))
        {
            request = ProductsAsync(query, cancellationToken);
            _requests[query.RequestKey] = request;
        }
        var (products, problem) = await request.ConfigureAwait(false);
        return products is null ? (null, $"{query}: {problem}") : ProductPrice.Find(query, products);
    }

    private async Task<(IReadOnlyList<string>? Products, string? Problem)> ProductsAsync(PriceQuery query, CancellationToken cancellationToken)
    {
        if (cache.Get(query) is { } cached)
        {
            return (cached, null);
        }
        try
        {
            var products = await client.GetProductsAsync(query.ServiceCode, query.Filters, cancellationToken).ConfigureAwait(false);
            cache.Put(query, products);
            return (products, null);
        }
        catch (AwsServiceException error)
        {
            // Access denied, throttling, no network: the line is missing, and the estimate says why.
            return (null, $"the Price List API answered {error.ErrorCode}: {error.ErrorMessage}");
        }
    }
}
