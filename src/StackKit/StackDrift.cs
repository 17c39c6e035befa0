namespace StackKit;

/// <summary>
/// How a stack differs from its template: CloudFormation's drift status and each resource changed or deleted outside
/// CloudFormation, with its property differences. Only properties the template sets are compared.
/// </summary>
public sealed record StackDrift
{
    /// <summary>The stack.</summary>
    public required string StackName { get; init; }

    /// <summary>Drifted, in sync, unknown (a resource could not be checked), or never checked.</summary>
    public required StackDriftStatus Status { get; init; }

    /// <summary>When drift was detected; null when it never was.</summary>
    public DateTimeOffset? CheckedAt { get; init; }

    /// <summary>
    /// Why detection failed for some resources (CloudFormation's DETECTION_FAILED), or why its results could not be
    /// read; null when it completed. The resources it did check are still listed.
    /// </summary>
    public string? DetectionFailure { get; init; }

    /// <summary>The resources changed or deleted outside CloudFormation, then those it could not check, by logical id.</summary>
    public IReadOnlyList<ResourceDrift> Resources { get; init; } = [];

    /// <summary>The resources changed or deleted outside CloudFormation.</summary>
    public IEnumerable<ResourceDrift> Drifted => Resources.Where(resource => resource.Status.IsDrifted);

    /// <summary>One line: the stack, its status, and the drifted resources by logical id.</summary>
    public override string ToString()
    {
        var drifted = Drifted.Select(resource => $"{resource.LogicalId} {resource.Status}").ToList();
        return $"{StackName}: {Status}" + (drifted.Count > 0 ? $" ({string.Join(", ", drifted)})" : "") +
            (DetectionFailure is null ? "" : $"; detection failed: {DetectionFailure}");
    }
}
