using System.Globalization;

namespace StackKit;

/// <summary>
/// One item of a <see cref="CostEstimate"/>: what is charged, the quantity and assumption it is priced at, its unit
/// price from the AWS Price List, and what it comes to in a month at the fewest, the current and the most servers.
/// </summary>
public sealed record CostLine
{
    /// <summary>What is charged, e.g. "EC2 instances (t3.micro, Linux, on demand)".</summary>
    public required string Item { get; init; }

    /// <summary>The quantity and every assumption behind it, e.g. "730 h a server".</summary>
    public required string Assumption { get; init; }

    /// <summary>The Price List's unit, e.g. <c>Hrs</c> or <c>GB-Mo</c>; empty for an item AWS does not charge.</summary>
    public string Unit { get; init; } = "";

    /// <summary>USD per <see cref="Unit"/>, on demand; null when the price could not be read (see <see cref="CostEstimate.MissingPrices"/>).</summary>
    public decimal? UnitPriceUsd { get; init; }

    /// <summary>USD a month at <see cref="CostEstimate.MinServers"/>; null when the price is missing.</summary>
    public decimal? AtMinServers { get; init; }

    /// <summary>USD a month at <see cref="CostEstimate.CurrentServers"/>; null when the price is missing.</summary>
    public decimal? AtCurrentServers { get; init; }

    /// <summary>USD a month at <see cref="CostEstimate.MaxServers"/>; null when the price is missing.</summary>
    public decimal? AtMaxServers { get; init; }

    /// <summary>The item, its monthly USD at the fewest / current / most servers, and the assumption.</summary>
    public override string ToString() =>
        $"{Item}: {Usd(AtMinServers)} / {Usd(AtCurrentServers)} / {Usd(AtMaxServers)} ({Assumption})";

    internal static string Usd(decimal? amount) =>
        amount is { } value ? "$" + value.ToString("0.00", CultureInfo.InvariantCulture) : "price missing";
}
