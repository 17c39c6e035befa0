namespace StackKit.PowerShell.Output;

/// <summary>
/// What Get-HttpServiceStack -Cost writes for a stack: its monthly cost on demand (730 hours) at the fewest, current and
/// most servers, item by item with each assumption, and each price that could not be read, with the region and
/// endpoint the stack lives at.
/// </summary>
public sealed class CostEstimateInfo
{
    /// <summary>The stack name.</summary>
    public required string StackName { get; init; }

    /// <summary>The region the stack is in, whose prices are used.</summary>
    public required string Region { get; init; }

    /// <summary>The endpoint it was read from when that is not AWS (moto, LocalStack); empty for AWS.</summary>
    public string? EndpointUrl { get; init; }

    /// <summary>The instance type priced.</summary>
    public required string InstanceType { get; init; }

    /// <summary>The fewest servers.</summary>
    public required int MinServers { get; init; }

    /// <summary>The servers now.</summary>
    public required int CurrentServers { get; init; }

    /// <summary>The most servers.</summary>
    public required int MaxServers { get; init; }

    /// <summary>USD a month at the fewest servers, of the lines priced.</summary>
    public required decimal MonthlyAtMin { get; init; }

    /// <summary>USD a month at the current servers, of the lines priced.</summary>
    public required decimal MonthlyAtCurrent { get; init; }

    /// <summary>USD a month at the most servers, of the lines priced.</summary>
    public required decimal MonthlyAtMax { get; init; }

    /// <summary>Each item with its unit price, monthly amounts and assumption.</summary>
    public required IReadOnlyList<CostLine> Lines { get; init; }

    /// <summary>Each price that could not be read, and why; empty when the estimate is complete.</summary>
    public required IReadOnlyList<string> MissingPrices { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{StackName} ({CostFormat.Usd(MonthlyAtCurrent)} a month)";

    /// <summary>The object for <paramref name="estimate"/>, read in <paramref name="region"/> at <paramref name="endpointUrl"/>.</summary>
    internal static CostEstimateInfo From(CostEstimate estimate, string region, string? endpointUrl) => new()
    {
        StackName = estimate.StackName ?? "",
        Region = region,
        EndpointUrl = endpointUrl,
        InstanceType = estimate.InstanceType,
        MinServers = estimate.MinServers,
        CurrentServers = estimate.CurrentServers,
        MaxServers = estimate.MaxServers,
        MonthlyAtMin = estimate.TotalAtMinServers,
        MonthlyAtCurrent = estimate.TotalAtCurrentServers,
        MonthlyAtMax = estimate.TotalAtMaxServers,
        Lines = estimate.Lines,
        MissingPrices = estimate.MissingPrices,
    };
}
