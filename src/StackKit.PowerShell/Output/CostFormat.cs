using System.Globalization;

namespace StackKit.PowerShell.Output;

/// <summary>What the format file and -WhatIf show of a cost estimate: a line per item, its amounts at the fewest / current / most servers and its assumption.</summary>
public static class CostFormat
{
    /// <summary>Dollars with cents.</summary>
    public static string Usd(decimal amount) => "$" + amount.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>The lines of <paramref name="estimate"/>, one an item.</summary>
    public static string Lines(CostEstimateInfo estimate)
    {
        _ = estimate ?? throw new ArgumentNullException(nameof(estimate));
        return string.Join(Environment.NewLine, estimate.Lines.Select(line => line.ToString()));
    }

    /// <summary>The estimate as -WhatIf lines: the totals, then each item with its assumption.</summary>
    internal static IEnumerable<string> WhatIf(CostEstimate estimate)
    {
        yield return $"What if: cost a month, on demand ({CostEstimate.HoursPerMonth} h), at {estimate.MinServers} / {estimate.CurrentServers} / {estimate.MaxServers} servers: " +
            $"{Usd(estimate.TotalAtMinServers)} / {Usd(estimate.TotalAtCurrentServers)} / {Usd(estimate.TotalAtMaxServers)}" +
            (estimate.IsComplete ? "" : " without the prices missing");
        foreach (var line in estimate.Lines)
        {
            yield return $"What if:   {line}";
        }
    }
}
