using StackKit.Templates.Intrinsics;

namespace StackKit.Templates;

/// <summary>
/// A resource: logical id, type, properties and attributes. Typed resources (<c>Vpc</c>, <c>AutoScalingGroup</c>)
/// derive from this; a resource type StackKit doesn't model reads into this class itself.
/// </summary>
public class Resource : PropertyObject
{
    /// <summary>A resource of any type, its properties set through <see cref="PropertyObject.Properties"/>.</summary>
    public Resource(string logicalId, string type)
    {
        LogicalId = LogicalIds.Check(logicalId);
        Type = string.IsNullOrWhiteSpace(type) ? throw new ArgumentException("A resource needs a type such as AWS::EC2::VPC.", nameof(type)) : type;
    }

    /// <summary>The logical id, unique in the template.</summary>
    public string LogicalId { get; }

    /// <summary>The CloudFormation type, e.g. <c>AWS::EC2::VPC</c>.</summary>
    public string Type { get; }

    /// <summary>The capability CloudFormation wants acknowledged for a template with this resource; null for none.</summary>
    internal virtual Capability? RequiredCapability => null;

    /// <summary>The condition that decides whether the resource exists; it must be one of the template's <see cref="Template.Conditions"/>.</summary>
    public Condition? Condition { get; set; }

    /// <summary>Resources of the same template that must be created first (beyond those this one references).</summary>
    public IList<Resource> DependsOn { get; } = new List<Resource>();

    /// <summary>The <c>CreationPolicy</c> attribute.</summary>
    public CreationPolicy? CreationPolicy { get; set; }

    /// <summary>The <c>UpdatePolicy</c> attribute.</summary>
    public UpdatePolicy? UpdatePolicy { get; set; }

    /// <summary>The <c>DeletionPolicy</c> attribute: what happens to the resource when its stack (or the resource) is deleted.</summary>
    public DeletionPolicy? DeletionPolicy { get; set; }

    /// <summary>The <c>UpdateReplacePolicy</c> attribute: what happens to the old resource when an update replaces it.</summary>
    public DeletionPolicy? UpdateReplacePolicy { get; set; }

    /// <summary>The <c>Ref</c> of this resource.</summary>
    public Value<string> Ref => Fn.Ref(this);
}
