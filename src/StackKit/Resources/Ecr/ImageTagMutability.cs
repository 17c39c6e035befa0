using StackKit.Templates;

namespace StackKit.Resources.Ecr;

/// <summary>Whether a repository's tags can be moved to other content (<c>ImageTagMutability</c>).</summary>
/// <param name="Value">The string CloudFormation reads: one of the named values, or another string AWS accepts.</param>
public readonly record struct ImageTagMutability(string Value) : IStringValue
{
    /// <summary><c>IMMUTABLE</c>: a tag, once pushed, always names the same image.</summary>
    public static ImageTagMutability Immutable { get; } = new("IMMUTABLE");

    /// <summary><c>MUTABLE</c>: a push may move a tag (ECR's default).</summary>
    public static ImageTagMutability Mutable { get; } = new("MUTABLE");

    /// <summary>The string CloudFormation reads.</summary>
    public override string ToString() => Value ?? string.Empty;
}
