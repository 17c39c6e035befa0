using StackKit.Templates;

namespace StackKit.Resources.DynamoDB;

/// <summary>An attribute a table's key schema or indexes use, and its type.</summary>
public sealed class AttributeDefinition : PropertyObject
{
    /// <summary>The attribute's name.</summary>
    public Value<string>? AttributeName { get => GetValue<string>(); set => SetValue(value); }

    /// <summary><c>S</c> (string), <c>N</c> (number) or <c>B</c> (binary).</summary>
    public Value<ScalarAttributeType>? AttributeType { get => GetValue<ScalarAttributeType>(); set => SetValue(value); }
}
