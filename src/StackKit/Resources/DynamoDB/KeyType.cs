using StackKit.Templates;

namespace StackKit.Resources.DynamoDB;

/// <summary>The role of a key attribute (<c>KeyType</c>).</summary>
/// <param name="Value">The string CloudFormation reads: one of the named values, or another string AWS accepts.</param>
public readonly record struct KeyType(string Value) : IStringValue
{
    /// <summary><c>HASH</c>: the partition key.</summary>
    public static KeyType Hash { get; } = new("HASH");

    /// <summary><c>RANGE</c>: the sort key.</summary>
    public static KeyType Range { get; } = new("RANGE");

    /// <summary>The string CloudFormation reads.</summary>
    public override string ToString() => Value ?? string.Empty;
}
