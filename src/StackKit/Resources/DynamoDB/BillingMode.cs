using StackKit.Templates;

namespace StackKit.Resources.DynamoDB;

/// <summary>How a table's reads and writes are paid for (<c>BillingMode</c>).</summary>
/// <param name="Value">The string CloudFormation reads: one of the named values, or another string AWS accepts.</param>
public readonly record struct BillingMode(string Value) : IStringValue
{
    /// <summary><c>PAY_PER_REQUEST</c>: per request (on demand).</summary>
    public static BillingMode PayPerRequest { get; } = new("PAY_PER_REQUEST");

    /// <summary><c>PROVISIONED</c>: by provisioned capacity.</summary>
    public static BillingMode Provisioned { get; } = new("PROVISIONED");

    /// <summary>The string CloudFormation reads.</summary>
    public override string ToString() => Value ?? string.Empty;
}
