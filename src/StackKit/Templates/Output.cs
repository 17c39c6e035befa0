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

    /// <summary>The condition that decides whether the output exists; it must be one of the template's <see cref="Template.Conditions"/>.</summary>
    public Condition? Condition { get; set; }
}
