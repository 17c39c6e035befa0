namespace StackKit.Templates;

/// <summary>
/// A string-backed struct enum: one value of one of AWS's string sets (<c>ComparisonOperator.GreaterThanThreshold</c>),
/// written as its <see cref="Value"/>. Named values cover what StackKit uses; <c>new ComparisonOperator("…")</c>
/// reaches a value AWS adds later.
/// </summary>
public interface IStringValue
{
    /// <summary>The string CloudFormation reads, e.g. <c>GreaterThanThreshold</c>.</summary>
    string Value { get; }
}
