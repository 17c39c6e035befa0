using StackKit.Templates;

namespace StackKit.Resources.CloudWatch;

/// <summary>Watches one metric and invokes actions when it crosses a threshold. (<c>AWS::CloudWatch::Alarm</c>)</summary>
public sealed class Alarm : Resource
{
    /// <summary>The CloudFormation type.</summary>
    public const string TypeName = "AWS::CloudWatch::Alarm";

    /// <summary>A Alarm with this logical id.</summary>
    public Alarm(string logicalId)
        : base(logicalId, TypeName)
    {
    }

    /// <summary>What the alarm means.</summary>
    public Value<string>? AlarmDescription { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>The metric's namespace, e.g. <c>AWS/ELB</c>.</summary>
    public Value<string>? Namespace { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>The metric, e.g. <c>RequestCount</c>.</summary>
    public Value<string>? MetricName { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>Which series of the metric.</summary>
    public IReadOnlyList<MetricDimension>? Dimensions { get => GetObjects<MetricDimension>(); set => SetObjects(value); }

    /// <summary>How datapoints in a period combine: <c>Sum</c>, <c>Average</c>…</summary>
    public Value<Statistic>? Statistic { get => GetValue<Statistic>(); set => SetValue(value); }

    /// <summary>Seconds per datapoint.</summary>
    public Value<int>? Period { get => GetValue<int>(); set => SetValue(value); }

    /// <summary>How many recent periods are evaluated.</summary>
    public Value<int>? EvaluationPeriods { get => GetValue<int>(); set => SetValue(value); }

    /// <summary>How many of the evaluated periods must breach for ALARM (default: all of them).</summary>
    public Value<int>? DatapointsToAlarm { get => GetValue<int>(); set => SetValue(value); }

    /// <summary>Several metrics and math expressions, one of them returned, instead of one metric (then leave out Namespace … Statistic).</summary>
    public IReadOnlyList<MetricDataQuery>? Metrics { get => GetObjects<MetricDataQuery>(); set => SetObjects(value); }

    /// <summary>The value compared against.</summary>
    public Value<double>? Threshold { get => GetValue<double>(); set => SetValue(value); }

    /// <summary>E.g. <c>GreaterThanThreshold</c>.</summary>
    public Value<ComparisonOperator>? ComparisonOperator { get => GetValue<ComparisonOperator>(); set => SetValue(value); }

    /// <summary>What a period without datapoints counts as: <c>breaching</c>, <c>notBreaching</c>, <c>ignore</c> or <c>missing</c>.</summary>
    public Value<TreatMissingData>? TreatMissingData { get => GetValue<TreatMissingData>(); set => SetValue(value); }

    /// <summary>What to invoke in the ALARM state (scaling policy ARNs…).</summary>
    public ValueList<string>? AlarmActions { get => GetList<string>(); set => SetList(value); }

    /// <summary>What to invoke when the alarm returns to OK.</summary>
    public ValueList<string>? OKActions { get => GetList<string>(); set => SetList(value); }

    /// <summary>Tags on the resource.</summary>
    public IReadOnlyList<Tag>? Tags { get => GetObjects<Tag>(); set => SetObjects(value); }
}
