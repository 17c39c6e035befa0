using StackKit.Templates;

namespace StackKit.Resources.DynamoDB;

/// <summary>The type of a key attribute (<c>AttributeType</c>).</summary>
/// <param name="Value">The string CloudFormation reads: one of the named values, or another string AWS accepts.</param>
public readonly record struct ScalarAttributeType(string Value) : IStringValue
{
    /// <summary><c>S</c>: a string.</summary>
#pragma warning disable CA1720 // Named after the DynamoDB type it stands for.
    public static ScalarAttributeType String { get; } = new("S");
#pragma warning restore CA1720

    /// <summary><c>N</c>: a number.</summary>
    public static ScalarAttributeType Number { get; } = new("N");

    /// <summary><c>B</c>: binary data.</summary>
    public static ScalarAttributeType Binary { get; } = new("B");

    /// <summary>The string CloudFormation reads.</summary>
    public override string ToString() => Value ?? string.Empty;
}
