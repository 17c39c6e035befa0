namespace StackKit.Templates.Intrinsics;

/// <summary>
/// A CloudFormation intrinsic function call, <c>{ "Fn::Join": [...] }</c> or <c>!Join [...]</c>: its name
/// and its argument exactly as the long form writes them. Build one through <see cref="Fn"/>, which types
/// the arguments and the result.
/// </summary>
public sealed class Intrinsic : Expression
{
    internal Intrinsic(string name, Expression argument)
    {
        Name = name;
        Argument = argument;
    }

    /// <summary>The long-form key: <c>Ref</c>, <c>Condition</c> or <c>Fn::…</c>.</summary>
    public string Name { get; }

    /// <summary>The argument as the long form writes it (for <c>Fn::GetAtt</c>, always the two-item list).</summary>
    public Expression Argument { get; }

    /// <summary>The names StackKit reads and writes, each with its short YAML tag.</summary>
    internal static readonly IReadOnlyDictionary<string, string> ShortTags = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Ref"] = "!Ref",
        ["Condition"] = "!Condition",
        ["Fn::GetAtt"] = "!GetAtt",
        ["Fn::Sub"] = "!Sub",
        ["Fn::Join"] = "!Join",
        ["Fn::Base64"] = "!Base64",
        ["Fn::GetAZs"] = "!GetAZs",
        ["Fn::Select"] = "!Select",
        ["Fn::Split"] = "!Split",
        ["Fn::If"] = "!If",
        ["Fn::Equals"] = "!Equals",
        ["Fn::Not"] = "!Not",
        ["Fn::And"] = "!And",
        ["Fn::Or"] = "!Or",
        ["Fn::FindInMap"] = "!FindInMap",
        ["Fn::ImportValue"] = "!ImportValue",
        ["Fn::Cidr"] = "!Cidr",
    };

    private protected override IEnumerable<Expression> Children() => [Argument];
}
