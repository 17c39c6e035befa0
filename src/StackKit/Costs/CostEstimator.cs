namespace StackKit.Costs;

/// <summary>Prices each <see cref="CostItems"/> line and adds it up at the fewest, current and most servers.</summary>
internal static class CostEstimator
{
    public static async Task<CostEstimate> EstimateAsync(
        PriceReader prices, HttpServiceOptions options, string instanceType, string region, (int Min, int Current, int Max) servers,
        string? stackName, CancellationToken cancellationToken)
    {
        var lines = new List<CostLine>();
        var missing = new List<string>();
        foreach (var item in CostItems.For(options, instanceType, region))
        {
            decimal? price = 0;
            if (item.Price is { } query)
            {
                string? problem;
                (price, problem) = await prices.PriceAsync(query, cancellationToken).ConfigureAwait(false);
                if (problem is not null)
                {
                    missing.Add($"{item.Item}: {problem}");
                }
            }
            lines.Add(new CostLine
            {
                Item = item.Item,
                Assumption = item.Assumption,
                Unit = item.Price?.Unit ?? "",
                UnitPriceUsd = price,
                AtMinServers = price * item.Quantity(servers.Min),
                AtCurrentServers = price * item.Quantity(servers.Current),
                AtMaxServers = price * item.Quantity(servers.Max),
            });
        }
        return new CostEstimate
        {
            StackName = stackName,
            Region = region,
            InstanceType = instanceType,
            MinServers = servers.Min,
            CurrentServers = servers.Current,
            MaxServers = servers.Max,
            Lines = lines,
            MissingPrices = missing,
        };
    }
}
