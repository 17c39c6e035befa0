using StackKit.Templates;

namespace StackKit.Resources.DynamoDB;

/// <summary>A table's encryption at rest.</summary>
public sealed class SSESpecification : PropertyObject
{
    /// <summary>True: encrypted with an AWS managed KMS key (<c>aws/dynamodb</c>); false: with a key DynamoDB owns.</summary>
    public Value<bool>? SSEEnabled { get => GetValue<bool>(); set => SetValue(value); }
}
