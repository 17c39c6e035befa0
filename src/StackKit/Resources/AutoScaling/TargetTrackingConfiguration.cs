using StackKit.Templates;

namespace StackKit.Resources.AutoScaling;

/// <summary>A target tracking policy's goal: keep a metric near a value.</summary>
public sealed class TargetTrackingConfiguration : PropertyObject
{
    /// <summary>One of Auto Scaling's predefined metrics.</summary>
    public PredefinedMetricSpecification? PredefinedMetricSpecification { get => GetObject<PredefinedMetricSpecification>(); set => SetObject(value); }

    /// <summary>True: the policy only adds instances; other policies remove them.</summary>
    public Value<bool>? DisableScaleIn { get => GetValue<bool>(); set => SetValue(value); }

    /// <summary>The value to keep the metric near.</summary>
    public Value<double>? TargetValue { get => GetValue<double>(); set => SetValue(value); }
}
