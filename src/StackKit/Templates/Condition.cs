namespace StackKit.Templates;

/// <summary>A named condition: resources, outputs and <c>Fn::If</c> refer to it by name.</summary>
public sealed class Condition(string logicalId, Value<bool> expression)
{
    /// <summary>The condition's name.</summary>
    public string LogicalId { get; } = LogicalIds.Check(logicalId);

    /// <summary>What it evaluates: <c>Fn::Equals</c>, <c>Fn::Not</c>, <c>Fn::And</c>, <c>Fn::Or</c> or another condition.</summary>
    public Value<bool> Expression { get; } = expression ?? throw new ArgumentNullException(nameof(expression));
}
