namespace StackKit.Templates.Intrinsics;

/// <summary>Recognises intrinsic calls in parsed documents, long form (<c>{"Fn::Join": …}</c>) and short (<c>!Join</c>).</summary>
internal static class IntrinsicForms
{
    private static readonly Dictionary<string, string> NamesByTag =
        Intrinsic.ShortTags.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    /// <summary>A single-entry mapping is a call when its key is <c>Ref</c>, <c>Condition</c> (with a name) or <c>Fn::…</c>.</summary>
    public static bool IsCall(string key, Expression argument) =>
        key == "Ref" || key.StartsWith("Fn::", StringComparison.Ordinal) || (key == "Condition" && argument is Literal { Value: string });

    public static Intrinsic FromLongForm(string name, Expression argument)
    {
        if (!Intrinsic.ShortTags.ContainsKey(name))
        {
            throw new InvalidTemplateException($"'{name}' is not an intrinsic function StackKit knows.");
        }
        return Create(name, argument);
    }

    public static Intrinsic FromShortTag(string tag, Expression argument) =>
        NamesByTag.TryGetValue(tag, out var name)
            ? Create(name, argument)
            : throw new InvalidTemplateException($"YAML tag '{tag}' is not an intrinsic function StackKit knows.");

    // GetAtt's "Resource.Attribute" string form becomes the list form, so both read into one model.
    private static Intrinsic Create(string name, Expression argument) =>
        name == "Fn::GetAtt" && argument is Literal { Value: string dotted } && dotted.IndexOf('.') is var dot and > 0
            ? new Intrinsic(name, new ListExpression([Literal.Of(dotted.Substring(0, dot)), Literal.Of(dotted.Substring(dot + 1))]))
            : new Intrinsic(name, argument);
}
