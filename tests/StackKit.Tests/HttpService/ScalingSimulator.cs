using StackKit.Resources.AutoScaling;
using StackKit.Resources.CloudWatch;
using StackKit.Templates;
using StackKit.Templates.Intrinsics;

namespace StackKit.Tests.HttpService;

/// <summary>
/// Plays per-minute request counts through a template's CloudWatch alarms and Auto Scaling policies, read from
/// the template itself, with the services' documented semantics:
/// - the load balancer publishes RequestCount only for minutes with requests: a minute without any is missing data;
/// - an alarm aggregates its Period with its Statistic, compares the last EvaluationPeriods datapoints (DatapointsToAlarm
///   of them must breach) against Threshold with ComparisonOperator, and counts missing data as TreatMissingData says;
/// - an alarm with Auto Scaling actions invokes them at every evaluation it spends in ALARM, not only on the transition;
/// - a simple scaling policy changes the desired capacity by ScalingAdjustment within the group's MinSize and MaxSize,
///   and does nothing while the group is in the Cooldown that follows a scaling activity.
/// </summary>
internal sealed class ScalingSimulator
{
    private const int SecondsPerMinute = 60;

    private readonly AutoScalingGroup _group;
    private readonly IReadOnlyList<SimulatedAlarm> _alarms;

    public ScalingSimulator(Template template)
    {
        _group = Assert.Single(template.Resources.OfType<AutoScalingGroup>());
        var policies = template.Resources.OfType<ScalingPolicy>().ToDictionary(p => p.LogicalId, StringComparer.Ordinal);
        _alarms = template.Resources.OfType<Alarm>().Select(alarm => new SimulatedAlarm(alarm, policies)).ToList();
        Assert.All(_alarms, alarm => Assert.Equal(_group.LogicalId, RefTarget(alarm.Policy.AutoScalingGroupName!)));
    }

    /// <summary>The alarms, for checks on what they watch.</summary>
    public IEnumerable<Alarm> Alarms => _alarms.Select(alarm => alarm.Definition);

    /// <summary>The group's desired capacity after each minute of <paramref name="requestsPerMinute"/>.</summary>
    public IReadOnlyList<int> Play(IReadOnlyList<int> requestsPerMinute)
    {
        var min = Number(_group.MinSize);
        var max = Number(_group.MaxSize);
        var capacity = _group.DesiredCapacity is null ? min : Number(_group.DesiredCapacity);
        int? lastActivity = null;
        var sizes = new List<int>();
        for (var minute = 1; minute <= requestsPerMinute.Count; minute++)
        {
            var now = minute * SecondsPerMinute;
            foreach (var alarm in _alarms.Where(alarm => now % alarm.Period == 0))
            {
                if (alarm.Evaluate(requestsPerMinute.Take(minute).ToList()) != AlarmState.Alarm)
                {
                    continue;
                }
                var policy = alarm.Policy;
                var cooldown = policy.Cooldown is null ? 300 : Number(policy.Cooldown);
                if (lastActivity is { } last && now - last < cooldown)
                {
                    continue;
                }
                var wanted = Text(policy.AdjustmentType) switch
                {
                    "ChangeInCapacity" => capacity + Number(policy.ScalingAdjustment),
                    "ExactCapacity" => Number(policy.ScalingAdjustment),
                    var other => throw new NotSupportedException($"AdjustmentType {other} is not simulated."),
                };
                var bounded = Math.Clamp(wanted, min, max);
                if (bounded != capacity)
                {
                    capacity = bounded;
                    lastActivity = now;
                }
            }
            sizes.Add(capacity);
        }
        return sizes;
    }

    internal static string RefTarget<T>(Value<T> value) =>
        value.Expression is Intrinsic { Name: "Ref", Argument: Literal { Value: string id } } ? id : throw new InvalidOperationException($"{value} is not a Ref.");

    private static int Number<T>(Value<T>? value) =>
        value is not null && value.TryGetLiteral(out var literal) ? Convert.ToInt32(literal, System.Globalization.CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"'{value}' is not a literal number.");

    private static string Text<T>(Value<T>? value)
        where T : IStringValue =>
        value is not null && value.TryGetLiteral(out var named) ? named.Value : throw new InvalidOperationException($"'{value}' is not a literal string.");

    private enum AlarmState
    {
        InsufficientData,
        Ok,
        Alarm,
    }

    private sealed class SimulatedAlarm
    {
        private readonly int _evaluationPeriods;
        private readonly int _datapointsToAlarm;
        private readonly double _threshold;
        private readonly string _comparison;
        private readonly string _missingData;
        private AlarmState _state = AlarmState.InsufficientData;

        public SimulatedAlarm(Alarm alarm, IReadOnlyDictionary<string, ScalingPolicy> policies)
        {
            Definition = alarm;
            Assert.Equal("Sum", Text(alarm.Statistic));
            Period = Number(alarm.Period);
            Assert.True(Period % SecondsPerMinute == 0, $"{alarm.LogicalId}: Period {Period} is not whole minutes.");
            _evaluationPeriods = Number(alarm.EvaluationPeriods);
            _datapointsToAlarm = alarm.Properties["DatapointsToAlarm"] is { } datapoints ? Number(new Value<int>(datapoints)) : _evaluationPeriods;
            Assert.True(alarm.Threshold!.TryGetLiteral(out _threshold), $"{alarm.LogicalId}: Threshold is not a number.");
            _comparison = Text(alarm.ComparisonOperator);
            _missingData = alarm.TreatMissingData is null ? "missing" : Text(alarm.TreatMissingData);
            var action = Assert.Single(alarm.AlarmActions!.Items!);
            Policy = policies[RefTarget(action)];
            Assert.Equal("SimpleScaling", Text(Policy.PolicyType));
        }

        public Alarm Definition { get; }

        public int Period { get; }

        public ScalingPolicy Policy { get; }

        public AlarmState Evaluate(List<int> minutesSoFar)
        {
            var minutesPerPeriod = Period / SecondsPerMinute;
            var periods = minutesSoFar.Count / minutesPerPeriod;
            var window = Enumerable.Range(periods - _evaluationPeriods, _evaluationPeriods)
                .Select(period => Datapoint(minutesSoFar, period, minutesPerPeriod))
                .ToList();
            var present = window.Where(point => point is not null).Select(point => point!.Value).ToList();
            if (present.Count == 0)
            {
                _state = _missingData switch
                {
                    "breaching" => AlarmState.Alarm,
                    "notBreaching" => AlarmState.Ok,
                    "ignore" => _state,
                    _ => AlarmState.InsufficientData,
                };
                return _state;
            }
            var breaching = present.Count(Breaches) + (_missingData == "breaching" ? window.Count - present.Count : 0);
            _state = breaching >= _datapointsToAlarm ? AlarmState.Alarm : AlarmState.Ok;
            return _state;
        }

        // The Sum of the period's requests, or no datapoint when no minute of it had any (and before the first minute).
        private static double? Datapoint(IReadOnlyList<int> minutes, int period, int minutesPerPeriod)
        {
            if (period < 0)
            {
                return null;
            }
            var requests = minutes.Skip(period * minutesPerPeriod).Take(minutesPerPeriod).Where(count => count > 0).ToList();
            return requests.Count == 0 ? null : requests.Sum();
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
}
