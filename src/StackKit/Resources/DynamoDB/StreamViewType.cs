using StackKit.Templates;

namespace StackKit.Resources.DynamoDB;

/// <summary>What a table's stream records of each change (<c>StreamViewType</c>).</summary>
/// <param name="Value">The string CloudFormation reads: one of the named values, or another string AWS accepts.</param>
public readonly record struct StreamViewType(string Value) : IStringValue
{
    /// <summary><c>NEW_AND_OLD_IMAGES</c>: the item as it was before the change and as it is after.</summary>
    public static StreamViewType NewAndOldImages { get; } = new("NEW_AND_OLD_IMAGES");

    /// <summary>The string CloudFormation reads.</summary>
    public override string ToString() => Value ?? string.Empty;
}
