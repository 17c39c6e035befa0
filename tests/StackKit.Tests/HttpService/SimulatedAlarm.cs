using StackKit.Resources.AutoScaling;
using StackKit.Resources.CloudWatch;
using StackKit.Templates;

namespace StackKit.Tests.HttpService;

/// <summary>One scaling alarm of a template and the policy it invokes, evaluated as <see cref="ScalingSimulator"/> describes.</summary>
internal sealed class SimulatedAlarm
{
    private readonly ScalingSimulator _simulator;
    private readonly int _evaluationPeriods;
    private readonly int _datapointsToAlarm;
    private readonly double _threshold;
    private readonly string _comparison;
    private readonly string _missingData;
    private bool _inAlarm;

    public SimulatedAlarm(ScalingSimulator simulator, Alarm alarm, IReadOnlyDictionary<string, ScalingPolicy> policies)
    {
        _simulator = simulator;
        Definition = alarm;
        if (alarm.Metrics is null)
        {
            Assert.Equal(60, ScalingSimulator.Number(alarm.Period));
        }
        else
        {
            Assert.Single(alarm.Metrics, query => query.ReturnData is { } returned && returned.TryGetLiteral(out var yes) && yes);
            Assert.All(alarm.Metrics.Where(query => query.MetricStat is not null), query => Assert.Equal(60, ScalingSimulator.Number(query.MetricStat!.Period)));
        }
        _evaluationPeriods = ScalingSimulator.Number(alarm.EvaluationPeriods);
        _datapointsToAlarm = alarm.DatapointsToAlarm is null ? _evaluationPeriods : ScalingSimulator.Number(alarm.DatapointsToAlarm);
        Assert.True(alarm.Threshold!.TryGetLiteral(out _threshold), $"{alarm.LogicalId}: Threshold is not a number.");
        _comparison = ScalingSimulator.Text(alarm.ComparisonOperator);
        _missingData = alarm.TreatMissingData is null ? "missing" : ScalingSimulator.Text(alarm.TreatMissingData);
        Policy = policies[ScalingSimulator.RefTarget(Assert.Single(alarm.AlarmActions!.Items!))];
    }

    public Alarm Definition { get; }

    public ScalingPolicy Policy { get; }

    /// <summary>
    /// Evaluates the alarm over the minutes published so far; in ALARM, the value it judged (the most recent real
    /// datapoint, or the threshold when missing data made the breach), else null.
    /// </summary>
    public double? Evaluate(ScalingSimulator.GroupState state, int visibleMinutes)
    {
        if (visibleMinutes == 0)
        {
            // Nothing published yet: the alarms start the simulation OK.
            return null;
        }
        var first = Math.Max(0, visibleMinutes - _simulator.EvaluationRange);
        var range = state.Minutes.Skip(first).Take(visibleMinutes - first).ToList();
        var series = Series(range);
        var real = series.Where(point => point is not null).Select(point => point!.Value).ToList();
        double? judged;
        if (real.Count >= _evaluationPeriods)
        {
            var recent = real.TakeLast(_evaluationPeriods).ToList();
            _inAlarm = recent.Count(Breaches) >= _datapointsToAlarm;
            judged = recent[^1];
        }
        else if (real.Count == 0)
        {
            _inAlarm = _missingData switch
            {
                "breaching" => true,
                "ignore" => _inAlarm,
                _ => false,
            };
            judged = null;
        }
        else
        {
            var filled = _missingData == "breaching" ? _evaluationPeriods - real.Count : 0;
            _inAlarm = real.Count(Breaches) + filled >= _datapointsToAlarm;
            judged = real[^1];
        }
        return _inAlarm ? judged ?? _threshold : null;
    }

    /// <summary>What the alarm's policy asks for this minute: a capacity, or nothing (cooldown, warm-up, no step).</summary>
    public IEnumerable<int> Act(double judged, ScalingSimulator.GroupState state, int now, bool warming)
    {
        var type = ScalingSimulator.Text(Policy.PolicyType);
        int adjustment;
        if (type == "SimpleScaling")
        {
            var cooldown = Policy.Cooldown is null ? 300 : ScalingSimulator.Number(Policy.Cooldown);
            if (state.LastActivity is { } last && now - last < cooldown)
            {
                yield break;
            }
            adjustment = ScalingSimulator.Number(Policy.ScalingAdjustment);
        }
        else
        {
            Assert.Equal("StepScaling", type);
            var step = Policy.StepAdjustments!.SingleOrDefault(s => Contains(s, judged - _threshold));
            if (step is null || warming)
            {
                yield break;
            }
            adjustment = ScalingSimulator.Number(step.ScalingAdjustment);
        }
        Assert.Equal("ChangeInCapacity", ScalingSimulator.Text(Policy.AdjustmentType));
        yield return state.Capacity + adjustment;
    }

    private static bool Contains(StepAdjustment step, double difference) =>
        (step.MetricIntervalLowerBound is null || (step.MetricIntervalLowerBound.TryGetLiteral(out var lower) && difference >= lower)) &&
        (step.MetricIntervalUpperBound is null || (step.MetricIntervalUpperBound.TryGetLiteral(out var upper) && difference < upper));

    private IReadOnlyList<double?> Series(List<ScalingSimulator.MinuteSeen> range)
    {
        if (Definition.Metrics is null)
        {
            var key = Definition.Namespace + ":" + Definition.MetricName;
            return range.Select(minute => minute.Published[key]).ToList();
        }
        var values = new Dictionary<string, MetricMath.Series>(StringComparer.Ordinal);
        foreach (var query in Definition.Metrics)
        {
            var id = query.Id!.ToString();
            values[id] = query.MetricStat is { } stat
                ? MetricMath.Series.Of(range.Select(minute => minute.Published[stat.Metric!.Namespace + ":" + stat.Metric.MetricName]).ToList())
                : MetricMath.Evaluate(_simulator.Substitute(query.Expression!.Expression), values, range.Count);
        }
        var returned = Definition.Metrics.Single(query => query.ReturnData!.TryGetLiteral(out var yes) && yes);
        return values[returned.Id!.ToString()].Points;
    }

    private bool Breaches(double value) => _comparison switch
    {
        "GreaterThanThreshold" => value > _threshold,
        "GreaterThanOrEqualToThreshold" => value >= _threshold,
        "LessThanThreshold" => value < _threshold,
        "LessThanOrEqualToThreshold" => value <= _threshold,
        var other => throw new NotSupportedException($"ComparisonOperator {other} is not simulated."),
    };
}
