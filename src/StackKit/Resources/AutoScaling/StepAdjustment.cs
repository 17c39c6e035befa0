using StackKit.Templates;

namespace StackKit.Resources.AutoScaling;

/// <summary>
/// A step scaling policy's change for one interval of the alarm's value, the bounds relative to the alarm's
/// threshold (a null bound is open).
/// </summary>
public sealed class StepAdjustment : PropertyObject
{
    /// <summary>The interval's lower bound (inclusive), relative to the threshold.</summary>
    public Value<double>? MetricIntervalLowerBound { get => GetValue<double>(); set => SetValue(value); }

    /// <summary>The interval's upper bound (exclusive), relative to the threshold.</summary>
    public Value<double>? MetricIntervalUpperBound { get => GetValue<double>(); set => SetValue(value); }

    /// <summary>The change (with <c>ChangeInCapacity</c>, instances to add; negative removes).</summary>
    public Value<int>? ScalingAdjustment { get => GetValue<int>(); set => SetValue(value); }
}
