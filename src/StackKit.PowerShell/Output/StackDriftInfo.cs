namespace StackKit.PowerShell.Output;

/// <summary>
/// What Get-HttpServiceStack -Drift writes for a stack: CloudFormation's drift status and each resource changed
/// outside StackKit, flat and serialisable, with the region and endpoint the stack lives at.
/// </summary>
public sealed class StackDriftInfo
{
    /// <summary>The stack name.</summary>
    public required string StackName { get; init; }

    /// <summary>The region the stack is in.</summary>
    public required string Region { get; init; }

    /// <summary>The endpoint it was read from when that is not AWS (moto, LocalStack); empty for AWS.</summary>
    public string? EndpointUrl { get; init; }

    /// <summary>DRIFTED, IN_SYNC, UNKNOWN (a resource could not be checked) or NOT_CHECKED.</summary>
    public required string DriftStatus { get; init; }

    /// <summary>When CloudFormation ran the detection.</summary>
    public DateTimeOffset? CheckedAt { get; init; }

    /// <summary>Why detection failed for some resources; empty when it completed.</summary>
    public string? DetectionFailure { get; init; }

    /// <summary>The resources changed or deleted outside StackKit, then those CloudFormation could not check.</summary>
    public required ResourceDriftList Resources { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{StackName} ({DriftStatus})";

    /// <summary>The object for <paramref name="drift"/>, detected in <paramref name="region"/> at <paramref name="endpointUrl"/>.</summary>
    internal static StackDriftInfo From(StackDrift drift, string region, string? endpointUrl) => new()
    {
        StackName = drift.StackName,
        Region = region,
        EndpointUrl = endpointUrl,
        DriftStatus = drift.Status.Value,
        CheckedAt = drift.CheckedAt,
        DetectionFailure = drift.DetectionFailure,
        Resources = new ResourceDriftList(drift.Resources.Select(ResourceDriftInfo.From)),
    };
}
