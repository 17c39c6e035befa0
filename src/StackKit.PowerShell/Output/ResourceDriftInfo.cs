namespace StackKit.PowerShell.Output;

/// <summary>One resource changed outside StackKit (or that CloudFormation could not check), with what differs.</summary>
public sealed class ResourceDriftInfo
{
    /// <summary>The resource's logical id in the template, e.g. InstanceSecurityGroup.</summary>
    public required string LogicalId { get; init; }

    /// <summary>The resource's AWS id.</summary>
    public string? PhysicalId { get; init; }

    /// <summary>The CloudFormation type, e.g. AWS::EC2::SecurityGroup.</summary>
    public required string ResourceType { get; init; }

    /// <summary>MODIFIED, DELETED, or UNKNOWN / UNSUPPORTED when CloudFormation could not check it.</summary>
    public required string Status { get; init; }

    /// <summary>Why CloudFormation could not check it, when it says.</summary>
    public string? Reason { get; init; }

    /// <summary>Each property that differs: path, the template's value, the resource's value.</summary>
    public required IReadOnlyList<PropertyDifferenceInfo> PropertyDifferences { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{LogicalId} ({ResourceType}) {Status}";

    internal static ResourceDriftInfo From(ResourceDrift drift) => new()
    {
        LogicalId = drift.LogicalId,
        PhysicalId = drift.PhysicalId,
        ResourceType = drift.ResourceType,
        Status = drift.Status.Value,
        Reason = drift.Reason,
        // An array, which PowerShell indexes and serialises as a list.
        PropertyDifferences = drift.PropertyDifferences.Select(d => new PropertyDifferenceInfo(d.PropertyPath, d.ExpectedValue, d.ActualValue, d.DifferenceType.Value)).ToArray(),
    };
}
