using StackKit.Templates;

namespace StackKit.Resources.AutoScaling;

/// <summary>A predefined metric: <c>ASGAverageCPUUtilization</c>, <c>ALBRequestCountPerTarget</c>, ...</summary>
public sealed class PredefinedMetricSpecification : PropertyObject
{
    /// <summary>The metric.</summary>
    public Value<string>? PredefinedMetricType { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>For <c>ALBRequestCountPerTarget</c>: <c>app/lb/id/targetgroup/tg/id</c>, the load balancer's and target group's full names.</summary>
    public Value<string>? ResourceLabel { get => GetValue<string>(); set => SetValue(value); }
}
