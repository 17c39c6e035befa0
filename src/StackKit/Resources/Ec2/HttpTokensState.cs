using StackKit.Templates;

namespace StackKit.Resources.Ec2;

/// <summary>Whether the metadata service requires session tokens, i.e. IMDSv2 (<c>MetadataOptions.HttpTokens</c>).</summary>
/// <param name="Value">The string CloudFormation reads: one of the named values, or another string AWS accepts.</param>
public readonly record struct HttpTokensState(string Value) : IStringValue
{
    /// <summary><c>optional</c>: IMDSv1 requests are answered too.</summary>
    public static HttpTokensState Optional { get; } = new("optional");

    /// <summary><c>required</c>: only IMDSv2 (session token) requests are answered.</summary>
    public static HttpTokensState Required { get; } = new("required");

    /// <summary>The string CloudFormation reads.</summary>
    public override string ToString() => Value ?? string.Empty;
}
