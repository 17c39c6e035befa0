using StackKit.Templates;

namespace StackKit.Resources.Ec2;

/// <summary>Tags for resources of one type.</summary>
public sealed class TagSpecification : PropertyObject
{
    /// <summary>The resource type: <c>instance</c>, <c>volume</c>, <c>launch-template</c>…</summary>
    public Value<ResourceType>? ResourceType { get => GetValue<ResourceType>(); set => SetValue(value); }

    /// <summary>Tags on the resource.</summary>
    public IReadOnlyList<Tag>? Tags { get => GetObjects<Tag>(); set => SetObjects(value); }
}
