using StackKit.Templates;

namespace StackKit.Resources.AutoScaling;

/// <summary>The kind of scaling policy (<c>PolicyType</c>).</summary>
/// <param name="Value">The string CloudFormation reads: one of the named values, or another string AWS accepts.</param>
public readonly record struct PolicyType(string Value) : IStringValue
{
    /// <summary><c>SimpleScaling</c>: one adjustment per alarm, then a cooldown.</summary>
    public static PolicyType SimpleScaling { get; } = new("SimpleScaling");

    /// <summary><c>StepScaling</c>: adjustments by how far the alarm's metric is past its threshold.</summary>
    public static PolicyType StepScaling { get; } = new("StepScaling");

    /// <summary><c>TargetTrackingScaling</c>: keeps a metric near a target value.</summary>
    public static PolicyType TargetTrackingScaling { get; } = new("TargetTrackingScaling");

    /// <summary><c>PredictiveScaling</c>: scales ahead of forecast load.</summary>
    public static PolicyType PredictiveScaling { get; } = new("PredictiveScaling");

    /// <summary>The string CloudFormation reads.</summary>
    public override string ToString() => Value ?? string.Empty;
}
