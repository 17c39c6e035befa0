namespace StackKit.Costs;

/// <summary>
/// One price to read from the AWS Price List: the products of <see cref="ServiceCode"/> matching every filter (a
/// product field or attribute, compared exactly as GetProducts' TERM_MATCH does), narrowed to the one whose
/// <c>usagetype</c> ends with <see cref="UsageType"/> (the region's prefix, such as <c>EUW1-</c>, varies), and
/// its on-demand price per <see cref="Unit"/>.
/// </summary>
internal sealed record PriceQuery(string ServiceCode, IReadOnlyList<KeyValuePair<string, string>> Filters, string UsageType, string Unit)
{
    /// <summary>What GetProducts is asked: queries with the same one share a call and a cache file.</summary>
    public string RequestKey => ServiceCode + "\n" + string.Join("\n", Filters.Select(filter => $"{filter.Key}={filter.Value}"));

    /// <summary>The query as a person reads it, for a missing price.</summary>
    public override string ToString() =>
        $"{ServiceCode} {string.Join(", ", Filters.Select(filter => $"{filter.Key}={filter.Value}"))}, usagetype *{UsageType}, per {Unit}";
}
