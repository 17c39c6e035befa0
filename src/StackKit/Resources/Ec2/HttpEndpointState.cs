using StackKit.Templates;

namespace StackKit.Resources.Ec2;

/// <summary>Whether an instance's metadata service answers (<c>MetadataOptions.HttpEndpoint</c>).</summary>
/// <param name="Value">The string CloudFormation reads: one of the named values, or another string AWS accepts.</param>
public readonly record struct HttpEndpointState(string Value) : IStringValue
{
    /// <summary><c>enabled</c>: it answers.</summary>
    public static HttpEndpointState Enabled { get; } = new("enabled");

    /// <summary><c>disabled</c>: it does not.</summary>
    public static HttpEndpointState Disabled { get; } = new("disabled");

    /// <summary>The string CloudFormation reads.</summary>
    public override string ToString() => Value ?? string.Empty;
}
