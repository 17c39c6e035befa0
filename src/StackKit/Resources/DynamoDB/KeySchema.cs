using StackKit.Templates;

namespace StackKit.Resources.DynamoDB;

/// <summary>One attribute of a table's primary key.</summary>
public sealed class KeySchema : PropertyObject
{
    /// <summary>The attribute's name, as in <see cref="Table.AttributeDefinitions"/>.</summary>
    public Value<string>? AttributeName { get => GetValue<string>(); set => SetValue(value); }

    /// <summary><c>HASH</c> (partition key) or <c>RANGE</c> (sort key).</summary>
    public Value<KeyType>? KeyType { get => GetValue<KeyType>(); set => SetValue(value); }
}
