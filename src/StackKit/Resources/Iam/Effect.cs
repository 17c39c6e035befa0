using StackKit.Templates;

namespace StackKit.Resources.Iam;

/// <summary>Whether a policy statement allows or denies (<c>Effect</c>).</summary>
/// <param name="Value">The string CloudFormation reads: one of the named values, or another string AWS accepts.</param>
public readonly record struct Effect(string Value) : IStringValue
{
    /// <summary><c>Allow</c>: allows the actions.</summary>
    public static Effect Allow { get; } = new("Allow");

    /// <summary><c>Deny</c>: denies them, whatever else allows them.</summary>
    public static Effect Deny { get; } = new("Deny");

    /// <summary>The string CloudFormation reads.</summary>
    public override string ToString() => Value ?? string.Empty;
}
