using StackKit.Templates;

namespace StackKit.Resources.CloudWatch;

/// <summary>One metric or math expression of an alarm on several metrics (an alarm's <c>Metrics</c>).</summary>
public sealed class MetricDataQuery : PropertyObject
{
    /// <summary>The name expressions use for it: lower-case first letter, then letters, digits and underscores.</summary>
    public Value<string>? Id { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>A metric, with its period and statistic; or set <see cref="Expression"/> instead.</summary>
    public MetricStat? MetricStat { get => GetObject<MetricStat>(); set => SetObject(value); }

    /// <summary>A metric math expression over the other queries' ids, e.g. <c>IF(present, req, 0)</c>.</summary>
    public Value<string>? Expression { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>A human-readable name for the series.</summary>
    public Value<string>? Label { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>True for exactly one query of an alarm: the series the alarm compares with its threshold.</summary>
    public Value<bool>? ReturnData { get => GetValue<bool>(); set => SetValue(value); }
}
