namespace StackKit;

/// <summary>One resource an update would change, as CloudFormation's change set lists it.</summary>
public sealed record ResourceChangePreview
{
    /// <summary>Add, Modify or Remove (or Import, Dynamic).</summary>
    public required ResourceChangeAction Action { get; init; }

    /// <summary>The resource's logical id in the template, e.g. <c>LaunchTemplate</c>.</summary>
    public required string LogicalId { get; init; }

    /// <summary>The resource's AWS id; null for a resource still to be added.</summary>
    public string? PhysicalId { get; init; }

    /// <summary>The CloudFormation type, e.g. <c>AWS::EC2::LaunchTemplate</c>.</summary>
    public required string ResourceType { get; init; }

    /// <summary>Whether the modification replaces the resource.</summary>
    public ResourceReplacement Replacement { get; init; }

    /// <summary>What changes and why, e.g. <c>Properties.LaunchTemplateData (DockerImage)</c>; empty when CloudFormation gives no details.</summary>
    public IReadOnlyList<string> Causes { get; init; } = [];

    /// <summary>One line: action, logical id, type, and replacement.</summary>
    public override string ToString() =>
        $"{Action} {LogicalId} ({ResourceType}){Replacement switch { ResourceReplacement.Always => ", replaced", ResourceReplacement.Conditional => ", may be replaced", _ => "" }}";
}
