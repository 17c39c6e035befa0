using StackKit.Templates;

namespace StackKit.Resources.AutoScaling;

/// <summary>How a scaling policy's <c>ScalingAdjustment</c> changes the group (<c>AdjustmentType</c>).</summary>
/// <param name="Value">The string CloudFormation reads: one of the named values, or another string AWS accepts.</param>
public readonly record struct AdjustmentType(string Value) : IStringValue
{
    /// <summary><c>ChangeInCapacity</c>: adds the adjustment to the current capacity (negative removes).</summary>
    public static AdjustmentType ChangeInCapacity { get; } = new("ChangeInCapacity");

    /// <summary><c>ExactCapacity</c>: sets the capacity to the adjustment.</summary>
    public static AdjustmentType ExactCapacity { get; } = new("ExactCapacity");

    /// <summary><c>PercentChangeInCapacity</c>: changes the capacity by the adjustment in percent.</summary>
    public static AdjustmentType PercentChangeInCapacity { get; } = new("PercentChangeInCapacity");

    /// <summary>The string CloudFormation reads.</summary>
    public override string ToString() => Value ?? string.Empty;
}
