namespace StackKit.Templates;

/// <summary>A stack output.</summary>
public sealed class Output(string logicalId, Value<string> value)
{
    /// <summary>The output's key (<c>OutputKey</c> in <c>describe-stacks</c>).</summary>
    public string LogicalId { get; } = LogicalIds.Check(logicalId);

    /// <summary>The value.</summary>
    public Value<string> Value { get; } = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>What the output is.</summary>
    public string? Description { get; set; }

    /// <summary>The logical id of the condition that decides whether the output exists.</summary>
    public string? Condition { get; set; }
}
