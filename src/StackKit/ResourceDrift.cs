namespace StackKit;

/// <summary>One resource of a stack that differs from the template, or that CloudFormation could not check.</summary>
public sealed record ResourceDrift
{
    /// <summary>The resource's logical id in the template, e.g. <c>InstanceSecurityGroup</c>.</summary>
    public required string LogicalId { get; init; }

    /// <summary>The resource's AWS id, e.g. <c>sg-0123456789abcdef0</c>.</summary>
    public string? PhysicalId { get; init; }

    /// <summary>The CloudFormation type, e.g. <c>AWS::EC2::SecurityGroup</c>.</summary>
    public required string ResourceType { get; init; }

    /// <summary>Modified, deleted, or not checked (unknown, unsupported).</summary>
    public required ResourceDriftStatus Status { get; init; }

    /// <summary>Why CloudFormation could not check the resource, when it says.</summary>
    public string? Reason { get; init; }

    /// <summary>What differs from the template; empty for a deleted or unchecked resource.</summary>
    public IReadOnlyList<PropertyDifference> PropertyDifferences { get; init; } = [];

    /// <summary>When CloudFormation checked the resource.</summary>
    public DateTimeOffset CheckedAt { get; init; }

    /// <summary>One line: logical id, type, status, and the differences.</summary>
    public override string ToString() =>
        $"{LogicalId} ({ResourceType}) {Status}" +
        (PropertyDifferences.Count > 0 ? $": {string.Join("; ", PropertyDifferences)}" : Reason is null ? "" : $": {Reason}");
}
