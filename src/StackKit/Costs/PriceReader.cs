using StackKit.Aws.Pricing;

namespace StackKit.Costs;

/// <summary>
/// Prices for one estimate: each distinct GetProducts request is made once (queries that differ only in usage type
/// or unit share it), and not at all when the disk cache has its answer from the last day. Once the API has failed
/// (no connection, access denied, throttled past the retries), the estimate asks it nothing more: every price not
/// read yet is missing for the same reason, so an estimate offline costs one call's retries, not one per price.
/// </summary>
internal sealed class PriceReader(PricingClient client, PriceCache cache)
{
    private readonly Dictionary<string, Task<(IReadOnlyList<string>? Products, string? Problem)>> _requests = new(StringComparer.Ordinal);

    private string? _failure;

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
        if (cache.Get(client.Endpoint, query) is { } cached)
        {
            return (cached, null);
        }
        if (_failure is not null)
        {
            return (null, _failure);
        }
        try
        {
            var products = await client.GetProductsAsync(query.ServiceCode, query.Filters, cancellationToken).ConfigureAwait(false);
            // An empty answer is a filter AWS no longer matches, or an endpoint that is not the Price List: asked again next time.
            if (products.Count > 0)
            {
                cache.Put(client.Endpoint, query, products);
            }
            return (products, null);
        }
        catch (AwsServiceException error)
        {
            // Access denied, throttling, no network: the line is missing, and the estimate says why.
            _failure = $"the Price List API answered {error.ErrorCode}: {error.ErrorMessage}";
            return (null, _failure);
        }
    }
}
