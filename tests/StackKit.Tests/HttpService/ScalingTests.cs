using StackKit.HttpService;
using StackKit.Resources.AutoScaling;
using StackKit.Resources.CloudWatch;
using StackKit.Templates;
using StackKit.Tests.Templates;

namespace StackKit.Tests.HttpService;

/// <summary>
/// The service's promise, played through the alarms and policies of the generated template as CloudWatch and Auto
/// Scaling evaluate them (moto creates neither): over 40 requests in a minute, one server more; under 20, or none at
/// all, one fewer; 1 to 5 servers. Each case runs for both load balancers, for evaluation ranges of 2, 3 and 5 minutes
/// (AWS does not document the range of a one-minute alarm), and with the minute just ended not yet published (then
/// each step comes a minute later).
/// </summary>
public sealed class ScalingTests
{
    public static TheoryData<LoadBalancerKind, int, bool> Cases()
    {
        var cases = new TheoryData<LoadBalancerKind, int, bool>();
        foreach (var kind in new[] { LoadBalancerKind.Classic, LoadBalancerKind.Application })
        {
            foreach (var range in new[] { 2, 3, 5 })
            {
                cases.Add(kind, range, false);
                cases.Add(kind, range, true);
            }
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Busy_minutes_add_one_server_each_up_to_five(LoadBalancerKind kind, int range, bool lag) =>
        Assert.Equal(Expected(1, [2, 3, 4, 5, 5, 5, 5], lag), Simulator(kind, range, lag).Play([50, 41, 1000, 300, 45, 90, 120]));

    [Theory]
    [MemberData(nameof(Cases))]
    public void After_a_burst_silence_removes_one_server_a_minute_from_three_4_3_2_1(LoadBalancerKind kind, int range, bool lag) =>
        Assert.Equal(Expected(3, [4, 3, 2, 1, 1, 1], lag), Simulator(kind, range, lag).Play([100, 0, 0, 0, 0, 0], servers: 3));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Minutes_without_any_request_remove_one_server_each_down_to_one(LoadBalancerKind kind, int range, bool lag) =>
        Assert.Equal(Expected(1, [2, 3, 4, 3, 2, 1, 1, 1], lag), Simulator(kind, range, lag).Play([100, 100, 100, 0, 0, 0, 0, 0]));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Steady_10_a_minute_shrinks_to_one_steady_30_keeps_the_servers_steady_500_grows_to_five(LoadBalancerKind kind, int range, bool lag)
    {
        var simulator = Simulator(kind, range, lag);

        Assert.Equal(Expected(3, [2, 1, 1, 1, 1, 1], lag), simulator.Play([10, 10, 10, 10, 10, 10], servers: 3));
        Assert.Equal(Expected(3, [3, 3, 3, 3, 3, 3], lag), simulator.Play([30, 30, 30, 30, 30, 30], servers: 3));
        Assert.Equal(Expected(1, [2, 3, 4, 5, 5, 5], lag), simulator.Play([500, 500, 500, 500, 500, 500]));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Exactly_40_or_exactly_20_requests_change_nothing(LoadBalancerKind kind, int range, bool lag) =>
        Assert.Equal(Expected(1, [2, 3, 3, 3, 3, 3, 3, 2, 2, 1], lag), Simulator(kind, range, lag).Play([41, 41, 40, 20, 30, 40, 20, 19, 21, 1]));

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_quiet_but_not_silent_service_scales_in_like_a_silent_one(LoadBalancerKind kind, int range, bool lag)
    {
        var quiet = Simulator(kind, range, lag).Play([60, 60, 5, 5, 5]);
        var silent = Simulator(kind, range, lag).Play([60, 60, 0, 0, 0]);

        Assert.Equal(Expected(1, [2, 3, 2, 1, 1], lag), quiet);
        Assert.Equal(quiet, silent);
    }

    [Theory]
    [InlineData(LoadBalancerKind.Classic)]
    [InlineData(LoadBalancerKind.Application)]
    public void With_CPU_scaling_a_CPU_busy_service_with_few_requests_grows_to_its_CPU_target_and_stays(LoadBalancerKind kind)
    {
        // 10 requests a minute (the request rule alone would remove servers) and work for 1.5 servers at 100 % CPU.
        var sizes = new ScalingSimulator(Generated(kind, cpuScaling: true)).Play(Enumerable.Repeat(new MinuteLoad(10, CpuDemand: 150), 30).ToList());

        AssertNeverUndone(sizes);
        Assert.Equal(3, sizes[^1]);
    }

    [Theory]
    [InlineData(LoadBalancerKind.Classic)]
    [InlineData(LoadBalancerKind.Application)]
    public void With_CPU_scaling_a_busy_service_on_idle_CPU_keeps_the_servers_the_requests_ask_for(LoadBalancerKind kind)
    {
        var sizes = new ScalingSimulator(Generated(kind, cpuScaling: true)).Play(Enumerable.Repeat(new MinuteLoad(100, CpuDemand: 5), 30).ToList());

        AssertNeverUndone(sizes);
        Assert.Equal(5, sizes[^1]);
    }

    [Theory]
    [InlineData(LoadBalancerKind.Classic)]
    [InlineData(LoadBalancerKind.Application)]
    public void With_CPU_scaling_a_quiet_cool_service_still_shrinks_to_one(LoadBalancerKind kind)
    {
        var sizes = new ScalingSimulator(Generated(kind, cpuScaling: true)).Play([.. Enumerable.Repeat(new MinuteLoad(100, 20), 8), .. Enumerable.Repeat(new MinuteLoad(0, 10), 20)]);

        Assert.Equal(5, sizes[7]);
        Assert.Equal(1, sizes[^1]);
    }

    [Fact]
    public void The_rule_before_issue_19_kept_adding_servers_after_a_burst_and_fought_target_tracking()
    {
        var before = TemplateReader.Parse(File.ReadAllText(RepositoryFiles.PathOf("tests", "StackKit.Tests", "HttpService", "before-issue-19.template.json")));

        // The burst's datapoint stays the most recent real one in the evaluation range: the high alarm goes on adding.
        Assert.NotEqual([4, 3, 2, 1, 1, 1], new ScalingSimulator(before).Play([100, 0, 0, 0, 0, 0], servers: 3));
        // With CPU target tracking added as it was: the request rule removes what tracking adds, and back.
        AddTrackingAsBefore(before);
        Assert.Throws<Xunit.Sdk.TrueException>(() => AssertNeverUndone(new ScalingSimulator(before).Play(Enumerable.Repeat(new MinuteLoad(10, 150), 30).ToList())));
        Assert.Throws<Xunit.Sdk.TrueException>(() => AssertNeverUndone(new ScalingSimulator(before).Play(Enumerable.Repeat(new MinuteLoad(100, 5), 30).ToList())));
    }

    [Theory]
    [InlineData(LoadBalancerKind.Classic, false)]
    [InlineData(LoadBalancerKind.Application, false)]
    [InlineData(LoadBalancerKind.Classic, true)]
    [InlineData(LoadBalancerKind.Application, true)]
    public void The_alarms_count_this_stacks_load_balancer_requests_with_a_real_zero_in_quiet_minutes(LoadBalancerKind kind, bool cpuScaling)
    {
        var (expectedNamespace, dimension, value) = kind == LoadBalancerKind.Classic
            ? ("AWS/ELB", "LoadBalancerName", "{\"Ref\":\"LoadBalancer\"}")
            : ("AWS/ApplicationELB", "LoadBalancer", "{\"Fn::GetAtt\":[\"LoadBalancer\",\"LoadBalancerFullName\"]}");

        var alarms = new ScalingSimulator(Generated(kind, cpuScaling)).Alarms.ToList();

        Assert.Equal(2, alarms.Count);
        foreach (var alarm in alarms)
        {
            Assert.Null(alarm.MetricName);
            var queries = alarm.Metrics!.ToDictionary(q => q.Id!.ToString(), StringComparer.Ordinal);
            var requests = queries["req"].MetricStat!;
            Assert.Equal(expectedNamespace, requests.Metric!.Namespace!.ToString());
            Assert.Equal("RequestCount", requests.Metric.MetricName!.ToString());
            Assert.Equal("Sum", requests.Stat!.ToString());
            var only = Assert.Single(requests.Metric.Dimensions!);
            Assert.Equal(dimension, only.Name!.ToString());
            Assert.Equal(value, only.Value!.ToString());
            var hosts = queries["hosts"].MetricStat!.Metric!;
            Assert.Equal("HealthyHostCount", hosts.MetricName!.ToString());
            Assert.Contains(hosts.Dimensions!, d => d.Name!.ToString() == dimension && d.Value!.ToString() == value);
            Assert.Equal("IF(present, req, 0)", queries[RequestScaling.RequestsId].Expression!.ToString());
        }
        Assert.All(new ScalingSimulator(Generated(kind, cpuScaling)).Alarms, alarm => Assert.Equal(1, ScalingSimulator.Number(alarm.DatapointsToAlarm)));
    }

    // A capacity that went up never comes down, and one that came down never goes back up: no policy undoes another.
    private static void AssertNeverUndone(IReadOnlyList<int> sizes)
    {
        var changes = sizes.Zip(sizes.Skip(1), (a, b) => Math.Sign(b - a)).Where(sign => sign != 0).ToList();
        Assert.True(changes.Zip(changes.Skip(1)).All(pair => pair.First == pair.Second), $"The policies undid each other: {string.Join(", ", sizes)}");
    }

    // Target tracking on CPU as the template had it before: it removed servers as well as adding them.
    private static void AddTrackingAsBefore(Template before)
    {
        before.Add(new Parameter("CpuTargetPercent", ParameterTypes.Number) { Default = "50" });
        before.Add(new ScalingPolicy("CpuTargetPolicy")
        {
            AutoScalingGroupName = ((AutoScalingGroup)before.FindResource("AutoScalingGroup")!).Ref,
            PolicyType = PolicyType.TargetTrackingScaling,
            TargetTrackingConfiguration = new TargetTrackingConfiguration
            {
                PredefinedMetricSpecification = new PredefinedMetricSpecification { PredefinedMetricType = "ASGAverageCPUUtilization" },
                TargetValue = ((Parameter)before.Parameters.Single(p => p.LogicalId == "CpuTargetPercent")).RefAs<double>(),
            },
        });
    }

    // With the newest minute unpublished, every change comes one evaluation later.
    private static int[] Expected(int start, int[] sizes, bool lag) => lag ? [start, .. sizes[..^1]] : sizes;

    private static ScalingSimulator Simulator(LoadBalancerKind kind, int range, bool lag) => new(Generated(kind), range, lag);

    // Read back from the written template, so the simulation sees exactly what CloudFormation would get.
    private static Template Generated(LoadBalancerKind kind, bool cpuScaling = false) =>
        TemplateReader.Parse(TemplateWriter.ToJson(HttpServiceTemplate.Build(new HttpServiceOptions { LoadBalancer = kind, CpuScaling = cpuScaling })));
}
