using StackKit.Templates;

namespace StackKit.Resources.CloudWatch;

/// <summary>A metric with the period and statistic that turn it into datapoints.</summary>
public sealed class MetricStat : PropertyObject
{
    /// <summary>The metric.</summary>
    public Metric? Metric { get => GetObject<Metric>(); set => SetObject(value); }

    /// <summary>Seconds per datapoint.</summary>
    public Value<int>? Period { get => GetValue<int>(); set => SetValue(value); }

    /// <summary>How datapoints in a period combine: <c>Sum</c>, <c>Average</c>, <c>Maximum</c>…</summary>
    public Value<Statistic>? Stat { get => GetValue<Statistic>(); set => SetValue(value); }
}
