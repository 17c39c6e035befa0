using StackKit.Templates;

namespace StackKit.Resources.CloudWatch;

/// <summary>A metric: namespace, name and the dimensions that pick one series.</summary>
public sealed class Metric : PropertyObject
{
    /// <summary>The metric's namespace, e.g. <c>AWS/ELB</c>.</summary>
    public Value<string>? Namespace { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>The metric, e.g. <c>RequestCount</c>.</summary>
    public Value<string>? MetricName { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>Which series of the metric.</summary>
    public IReadOnlyList<MetricDimension>? Dimensions { get => GetObjects<MetricDimension>(); set => SetObjects(value); }
}
