using System.Globalization;
using StackKit.Resources.AutoScaling;
using StackKit.Resources.CloudWatch;
using StackKit.Resources.Ec2;
using StackKit.Templates;
using StackKit.Templates.Intrinsics;

namespace StackKit.Tests.HttpService;

/// <summary>A minute of load: requests through the load balancer, and the CPU its work needs, in percent of one server.</summary>
internal sealed record MinuteLoad(int Requests, double CpuDemand = 0);

/// <summary>
/// Plays minutes of load through a template's scaling alarms and policies, read from the template itself, with the
/// services' documented semantics (CloudWatch User Guide, "Using Amazon CloudWatch alarms"; EC2 Auto Scaling User Guide):
/// - the load balancer publishes RequestCount only for minutes with requests, HealthyHostCount every minute servers are
///   registered; instance CPU per minute only with detailed monitoring; GroupInServiceInstances only when collected;
/// - an alarm's series is its metric, or its returned metric math expression over the queries (IF, comparisons,
///   AND/OR, arithmetic; a comparison between two series counts a missing side as 0; IF gives 0 where its condition
///   holds and its value is missing);
/// - CloudWatch reads an evaluation range longer than EvaluationPeriods: while it holds at least EvaluationPeriods real
///   datapoints, it judges the most recent real ones and ignores TreatMissingData; with fewer, the missing ones count
///   as TreatMissingData says; with none, the state is TreatMissingData's;
/// - with a publishing lag, the minute just ended is not yet there when the alarm evaluates;
/// - an alarm with Auto Scaling actions invokes them every minute it spends in ALARM;
/// - a simple policy does nothing within its cooldown after a scaling activity; a step policy has none, but its single
///   step does not act again while a server it launched warms up (DefaultInstanceWarmup), and scale-in waits for warm-up;
/// - target tracking adds servers after 3 minutes over its target and (unless DisableScaleIn) removes them after 15
///   under 90 % of it, to the capacity that brings the metric to its target;
/// - when several policies act at once, the group takes the largest capacity.
/// </summary>
internal sealed class ScalingSimulator
{
    private const int SecondsPerMinute = 60;

    private readonly Template _template;
    private readonly AutoScalingGroup _group;
    private readonly IReadOnlyList<SimulatedAlarm> _alarms;
    private readonly IReadOnlyList<ScalingPolicy> _trackingPolicies;
    private readonly int _evaluationRange;
    private readonly bool _publishingLag;
    private readonly bool _detailedMonitoring;
    private readonly bool _inServiceCollected;

    /// <param name="template">The template, as read back from its JSON.</param>
    /// <param name="evaluationRange">Minutes CloudWatch reads for a one-period alarm: undocumented, so tests try several.</param>
    /// <param name="publishingLag">Whether the minute just ended is still unpublished when alarms evaluate.</param>
    public ScalingSimulator(Template template, int evaluationRange = 3, bool publishingLag = false)
    {
        _template = template;
        _evaluationRange = evaluationRange;
        _publishingLag = publishingLag;
        _group = Assert.Single(template.Resources.OfType<AutoScalingGroup>());
        var policies = template.Resources.OfType<ScalingPolicy>().ToDictionary(p => p.LogicalId, StringComparer.Ordinal);
        Assert.All(policies.Values, policy => Assert.Equal(_group.LogicalId, RefTarget(policy.AutoScalingGroupName!)));
        _alarms = template.Resources.OfType<Alarm>()
            // The health alarms that are only rollback triggers have no actions at all.
            .Where(alarm => alarm.AlarmActions?.Items?.Any(action => IsRef(action) && policies.ContainsKey(RefTarget(action))) ?? false)
            .Select(alarm => new SimulatedAlarm(this, alarm, policies))
            .ToList();
        _trackingPolicies = policies.Values.Where(p => Text(p.PolicyType) == "TargetTrackingScaling").ToList();
        var data = Assert.Single(template.Resources.OfType<LaunchTemplate>()).LaunchTemplateData!;
        _detailedMonitoring = data.Monitoring?.Enabled is { } enabled && enabled.TryGetLiteral(out var on) && on;
        _inServiceCollected = _group.MetricsCollection?.Any(c => c.Metrics?.Items?.Any(m => m.ToString() == "GroupInServiceInstances") ?? true) ?? false;
    }

    /// <summary>Minutes CloudWatch reads when it evaluates a one-minute alarm.</summary>
    public int EvaluationRange => _evaluationRange;

    /// <summary>The alarms that drive scaling, for checks on what they watch.</summary>
    public IEnumerable<Alarm> Alarms => _alarms.Select(alarm => alarm.Definition);

    /// <summary>The group's desired capacity after each minute of <paramref name="requestsPerMinute"/> (CPU idle).</summary>
    public IReadOnlyList<int> Play(IReadOnlyList<int> requestsPerMinute, int? servers = null) =>
        Play(requestsPerMinute.Select(requests => new MinuteLoad(requests)).ToList(), servers);

    /// <summary>The group's desired capacity after each minute of <paramref name="load"/>, from <paramref name="servers"/> (default: the group's own start).</summary>
    public IReadOnlyList<int> Play(IReadOnlyList<MinuteLoad> load, int? servers = null)
    {
        var min = Number(_group.MinSize);
        var max = Number(_group.MaxSize);
        // Without a default instance warm-up, the group's default cooldown (300 s) stands in for it.
        var warmup = _group.DefaultInstanceWarmup is null ? 300 : Number(_group.DefaultInstanceWarmup);
        var state = new GroupState(servers ?? (_group.DesiredCapacity is null ? min : Number(_group.DesiredCapacity)));
        var sizes = new List<int>();
        for (var minute = 1; minute <= load.Count; minute++)
        {
            state.Record(load[minute - 1], _detailedMonitoring, _inServiceCollected);
            var now = minute * SecondsPerMinute;
            var visible = _publishingLag ? minute - 1 : minute;
            var proposals = new List<int>();
            foreach (var alarm in _alarms)
            {
                if (alarm.Evaluate(state, visible) is { } value)
                {
                    proposals.AddRange(alarm.Act(value, state, now, state.WarmingUntil > now));
                }
            }
            Apply(state, proposals, now, min, max, warmup);
            // Target tracking's own alarms fire on their own schedule, not together with ours.
            Apply(state, [.. _trackingPolicies.SelectMany(policy => Track(policy, state, visible, state.WarmingUntil > now))], now, min, max, warmup);
            sizes.Add(state.Capacity);
        }
        return sizes;
    }

    // Of policies triggered together, the group takes the one giving the largest capacity (AWS's rule).
    private static void Apply(GroupState state, List<int> proposals, int now, int min, int max, int warmup)
    {
        var grow = proposals.Where(size => size > state.Capacity).ToList();
        var shrink = proposals.Where(size => size < state.Capacity).ToList();
        var wanted = grow.Count > 0 ? grow.Max() : shrink.Count > 0 ? shrink.Max() : state.Capacity;
        var bounded = Math.Clamp(wanted, min, max);
        if (bounded != state.Capacity)
        {
            if (bounded > state.Capacity)
            {
                state.WarmingUntil = now + warmup;
            }
            state.Capacity = bounded;
            state.LastActivity = now;
        }
    }

    private IEnumerable<int> Track(ScalingPolicy policy, GroupState state, int visible, bool warming)
    {
        var configuration = policy.TargetTrackingConfiguration!;
        var target = Resolve(configuration.TargetValue!.Expression);
        var series = configuration.PredefinedMetricSpecification!.PredefinedMetricType!.ToString() switch
        {
            "ASGAverageCPUUtilization" => state.Minutes.Select(m => m.Cpu).ToList(),
            "ALBRequestCountPerTarget" => state.Minutes.Select(m => (double)m.Load.Requests / m.Servers).ToList(),
            var other => throw new NotSupportedException($"Target tracking on {other} is not simulated."),
        };
        var seen = series.Take(visible).ToList();
        if (warming || seen.Count == 0)
        {
            yield break;
        }
        var latest = seen[^1];
        var needed = (int)Math.Ceiling(state.Capacity * latest / target);
        if (seen.Count >= 3 && seen.TakeLast(3).All(value => value > target) && needed > state.Capacity)
        {
            yield return needed;
        }
        var scaleInDisabled = configuration.DisableScaleIn is { } disabled && disabled.TryGetLiteral(out var off) && off;
        if (!scaleInDisabled && seen.Count >= 15 && seen.TakeLast(15).All(value => value < 0.9 * target) && needed < state.Capacity)
        {
            yield return Math.Max(needed, 1);
        }
    }

    /// <summary>A number in the template: a literal, or a parameter's default (what a stack created without it gets).</summary>
    internal double Resolve(Expression expression) => expression switch
    {
        Literal { Value: var value } => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        Intrinsic { Name: "Ref", Argument: Literal { Value: string name } } =>
            double.Parse(_template.Parameters.Single(p => p.LogicalId == name).Default!, CultureInfo.InvariantCulture),
        _ => throw new InvalidOperationException($"'{expression}' is neither a number nor a parameter."),
    };

    /// <summary>A metric math expression as CloudWatch receives it: <c>Fn::Sub</c> resolved with parameter defaults.</summary>
    internal string Substitute(Expression expression) => expression switch
    {
        Literal { Value: string text } => text,
        Intrinsic { Name: "Fn::Sub", Argument: Literal { Value: string text } } => System.Text.RegularExpressions.Regex.Replace(
            text, @"\$\{([^}]*)\}", match => _template.Parameters.Single(p => p.LogicalId == match.Groups[1].Value).Default!),
        _ => throw new InvalidOperationException($"'{expression}' is not an expression the simulation reads."),
    };

    internal static bool IsRef<T>(Value<T> value) => value.Expression is Intrinsic { Name: "Ref" };

    internal static string RefTarget<T>(Value<T> value) =>
        value.Expression is Intrinsic { Name: "Ref", Argument: Literal { Value: string id } } ? id : throw new InvalidOperationException($"{value} is not a Ref.");

    internal static int Number<T>(Value<T>? value) =>
        value is not null && value.TryGetLiteral(out var literal) ? Convert.ToInt32(literal, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"'{value}' is not a literal number.");

    internal static string Text<T>(Value<T>? value)
        where T : IStringValue =>
        value is not null && value.TryGetLiteral(out var named) ? named.Value : throw new InvalidOperationException($"'{value}' is not a literal string.");

    /// <summary>One minute as the metrics saw it: its load, the servers in it, their average CPU, what was published.</summary>
    internal sealed record MinuteSeen(MinuteLoad Load, int Servers, double Cpu, IReadOnlyDictionary<string, double?> Published);

    internal sealed class GroupState(int capacity)
    {
        public int Capacity { get; set; } = capacity;

        public int? LastActivity { get; set; }

        public int WarmingUntil { get; set; }

        public List<MinuteSeen> Minutes { get; } = [];

        public void Record(MinuteLoad load, bool detailedMonitoring, bool inServiceCollected)
        {
            var cpu = Math.Min(100, load.CpuDemand / Capacity);
            var requests = load.Requests > 0 ? load.Requests : (double?)null;
            Minutes.Add(new MinuteSeen(load, Capacity, cpu, new Dictionary<string, double?>(StringComparer.Ordinal)
            {
                ["AWS/ELB:RequestCount"] = requests,
                ["AWS/ApplicationELB:RequestCount"] = requests,
                ["AWS/ELB:HealthyHostCount"] = Capacity,
                ["AWS/ApplicationELB:HealthyHostCount"] = Capacity,
                ["AWS/EC2:CPUUtilization"] = detailedMonitoring ? cpu : null,
                ["AWS/AutoScaling:GroupInServiceInstances"] = inServiceCollected ? Capacity : null,
            }));
        }
    }
}
