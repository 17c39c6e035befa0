using StackKit.Templates;

namespace StackKit.Resources.DynamoDB;

/// <summary>A table's stream: DynamoDB records every change to an item, in order, for 24 hours.</summary>
public sealed class StreamSpecification : PropertyObject
{
    /// <summary>What each change record holds.</summary>
    public Value<StreamViewType>? StreamViewType { get => GetValue<StreamViewType>(); set => SetValue(value); }
}
