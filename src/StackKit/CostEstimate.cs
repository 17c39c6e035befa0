namespace StackKit;

/// <summary>
/// What a stack costs a month (730 hours, as AWS's pricing calculator counts) on demand, item by item, at the fewest,
/// the current and the most servers, from the AWS Price List Query API. A price that could not be read is named in
/// <see cref="MissingPrices"/>, its line has no amount, and the totals leave it out: nothing is guessed. Taxes, data
/// transfer out of AWS, the free tier and savings plans are not counted.
/// </summary>
public sealed record CostEstimate
{
    /// <summary>The hours in a month the estimate counts: 730, as AWS's pricing calculator does.</summary>
    public const int HoursPerMonth = 730;

    /// <summary>The stack, or null for options not deployed yet.</summary>
    public string? StackName { get; init; }

    /// <summary>The region whose prices are used.</summary>
    public required string Region { get; init; }

    /// <summary>The instance type priced.</summary>
    public required string InstanceType { get; init; }

    /// <summary>The fewest servers the group scales in to.</summary>
    public required int MinServers { get; init; }

    /// <summary>The servers now (the desired capacity), or <see cref="MinServers"/> for a stack not deployed yet.</summary>
    public required int CurrentServers { get; init; }

    /// <summary>The most servers the group scales out to.</summary>
    public required int MaxServers { get; init; }

    /// <summary>Each item, with its assumption.</summary>
    public required IReadOnlyList<CostLine> Lines { get; init; }

    /// <summary>Each price that could not be read, and why; empty when every line is priced.</summary>
    public IReadOnlyList<string> MissingPrices { get; init; } = [];

    /// <summary>Whether every line is priced.</summary>
    public bool IsComplete => MissingPrices.Count == 0;

    /// <summary>USD a month at <see cref="MinServers"/>, of the lines priced.</summary>
    public decimal TotalAtMinServers => Lines.Sum(line => line.AtMinServers ?? 0);

    /// <summary>USD a month at <see cref="CurrentServers"/>, of the lines priced.</summary>
    public decimal TotalAtCurrentServers => Lines.Sum(line => line.AtCurrentServers ?? 0);

    /// <summary>USD a month at <see cref="MaxServers"/>, of the lines priced.</summary>
    public decimal TotalAtMaxServers => Lines.Sum(line => line.AtMaxServers ?? 0);

    /// <summary>The totals at the fewest, current and most servers, and what is missing.</summary>
    public override string ToString() =>
        $"{StackName ?? InstanceType} in {Region}: {CostLine.Usd(TotalAtMinServers)} a month at {Servers(MinServers)}, " +
        $"{CostLine.Usd(TotalAtCurrentServers)} at {Servers(CurrentServers)} now, {CostLine.Usd(TotalAtMaxServers)} at {Servers(MaxServers)}" +
        (IsComplete ? "" : $"; without {string.Join("; ", MissingPrices)}");

    /// <summary>
    /// What changes from <paramref name="before"/> to this estimate, a month, at the fewest, current and most servers;
    /// null when neither is complete enough to say (a price is missing in either).
    /// </summary>
    public string? DifferenceFrom(CostEstimate before)
    {
        _ = before ?? throw new ArgumentNullException(nameof(before));
        if (!IsComplete || !before.IsComplete)
        {
            return null;
        }
        return $"Cost a month: {Change(before.TotalAtMinServers, TotalAtMinServers)} at {Servers(MinServers)}, " +
            $"{Change(before.TotalAtCurrentServers, TotalAtCurrentServers)} at {Servers(CurrentServers)} now, " +
            $"{Change(before.TotalAtMaxServers, TotalAtMaxServers)} at {Servers(MaxServers)}";
    }

    private static string Change(decimal from, decimal to)
    {
        var difference = to - from;
        var sign = difference >= 0 ? "+" : "-";
        return $"{CostLine.Usd(from)} -> {CostLine.Usd(to)} ({sign}{CostLine.Usd(Math.Abs(difference))})";
    }

    private static string Servers(int count) => count == 1 ? "1 server" : $"{count} servers";
}
