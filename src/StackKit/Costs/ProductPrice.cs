using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace StackKit.Costs;

/// <summary>
/// Reads an on-demand price out of GetProducts' product documents (format aws_v1): <c>product.attributes.usagetype</c>,
/// and <c>terms.OnDemand.*.priceDimensions.*</c> with its <c>unit</c>, <c>beginRange</c> and <c>pricePerUnit.USD</c>.
/// </summary>
internal static class ProductPrice
{
    /// <summary>
    /// The region code a usage type starts with outside us-east-1 (<c>EUW1-</c>, <c>APS1-</c>, <c>EU-</c>). Only that is
    /// ignored: <c>Outposts-LCUUsage</c> or <c>ReservedLCUUsage</c> are other products than <c>LCUUsage</c>.
    /// </summary>
    private static readonly Regex RegionPrefix = new("^(EU|[A-Z]{3,4}[0-9])-", RegexOptions.CultureInvariant);

    /// <summary>
    /// The one USD price per <see cref="PriceQuery.Unit"/> of the products matching <paramref name="query"/>, from the
    /// first tier (beginRange 0); otherwise why there is none: no product, or several prices (the query is ambiguous).
    /// </summary>
    public static (decimal? Price, string? Problem) Find(PriceQuery query, IEnumerable<string> products)
    {
        var prices = new HashSet<decimal>();
        foreach (var text in products)
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            var usageType = root.TryGetProperty("product", out var product) && product.TryGetProperty("attributes", out var attributes)
                && attributes.TryGetProperty("usagetype", out var usage) && usage.ValueKind == JsonValueKind.String ? usage.GetString() : null;
            if (usageType is null || RegionPrefix.Replace(usageType, "") != query.UsageType)
            {
                continue;
            }
            foreach (var dimension in OnDemandDimensions(root))
            {
                if (string.Equals(Text(dimension, "unit"), query.Unit, StringComparison.OrdinalIgnoreCase)
                    && Text(dimension, "beginRange") is null or "0"
                    && dimension.TryGetProperty("pricePerUnit", out var perUnit)
                    && decimal.TryParse(Text(perUnit, "USD"), NumberStyles.Float, CultureInfo.InvariantCulture, out var usd))
                {
                    prices.Add(usd);
                }
            }
        }
        return prices.Count switch
        {
            1 => (prices.Single(), null),
            0 => (null, $"no on-demand price for {query}"),
            _ => (null, $"{prices.Count} different prices for {query}"),
        };
    }

    private static IEnumerable<JsonElement> OnDemandDimensions(JsonElement product)
    {
        if (!product.TryGetProperty("terms", out var terms) || !terms.TryGetProperty("OnDemand", out var onDemand) || onDemand.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }
        foreach (var offer in onDemand.EnumerateObject())
        {
            if (offer.Value.TryGetProperty("priceDimensions", out var dimensions) && dimensions.ValueKind == JsonValueKind.Object)
            {
                foreach (var dimension in dimensions.EnumerateObject())
                {
                    yield return dimension.Value;
                }
            }
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
