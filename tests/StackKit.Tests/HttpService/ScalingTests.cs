using StackKit.HttpService;
using StackKit.Resources.CloudWatch;
using StackKit.Templates;

namespace StackKit.Tests.HttpService;

/// <summary>
/// The service's promise, played through the alarms and policies of the generated template (moto creates
/// neither): over 40 requests in a minute, one server more; under 20, or none at all, one fewer; 1 to 5 servers.
/// </summary>
public sealed class ScalingTests
{
    public static TheoryData<LoadBalancerKind> Kinds => [LoadBalancerKind.Classic, LoadBalancerKind.Application];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Busy_minutes_add_one_server_each_up_to_five(LoadBalancerKind kind)
    {
        var sizes = Simulator(kind).Play([50, 41, 1000, 300, 45, 90, 120]);

        Assert.Equal([2, 3, 4, 5, 5, 5, 5], sizes);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Minutes_without_any_request_remove_one_server_each_down_to_one(LoadBalancerKind kind)
    {
        var sizes = Simulator(kind).Play([100, 100, 100, 0, 0, 0, 0, 0]);

        Assert.Equal([2, 3, 4, 3, 2, 1, 1, 1], sizes);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Exactly_40_or_exactly_20_requests_change_nothing(LoadBalancerKind kind)
    {
        var sizes = Simulator(kind).Play([41, 41, 40, 20, 30, 40, 20, 19, 21, 1]);

        Assert.Equal([2, 3, 3, 3, 3, 3, 3, 2, 2, 1], sizes);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_quiet_but_not_silent_service_scales_in_like_a_silent_one(LoadBalancerKind kind)
    {
        var quiet = Simulator(kind).Play([60, 60, 5, 5, 5]);
        var silent = Simulator(kind).Play([60, 60, 0, 0, 0]);

        Assert.Equal([2, 3, 2, 1, 1], quiet);
        Assert.Equal(quiet, silent);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_alarms_watch_this_stacks_load_balancer_requests(LoadBalancerKind kind)
    {
        var (expectedNamespace, dimension, value) = kind == LoadBalancerKind.Classic
            ? ("AWS/ELB", "LoadBalancerName", "{\"Ref\":\"LoadBalancer\"}")
            : ("AWS/ApplicationELB", "LoadBalancer", "{\"Fn::GetAtt\":[\"LoadBalancer\",\"LoadBalancerFullName\"]}");

        foreach (var alarm in Simulator(kind).Alarms)
        {
            Assert.Equal(expectedNamespace, alarm.Namespace!.ToString());
            Assert.Equal("RequestCount", alarm.MetricName!.ToString());
            var only = Assert.Single(alarm.Dimensions!);
            Assert.Equal(dimension, only.Name!.ToString());
            Assert.Equal(value, only.Value!.ToString());
        }
    }

    [Fact]
    public void Treating_missing_data_as_missing_would_leave_an_idle_service_at_its_peak()
    {
        var template = Generated(LoadBalancerKind.Classic);
        var low = (StackKit.Resources.CloudWatch.Alarm)template.FindResource("LowRequestsAlarm")!;
        low.TreatMissingData = TreatMissingData.Missing;

        var sizes = new ScalingSimulator(template).Play([100, 100, 0, 0, 0]);

        Assert.Equal([2, 3, 3, 3, 3], sizes);
    }

    private static ScalingSimulator Simulator(LoadBalancerKind kind) => new(Generated(kind));

    // Read back from the written template, so the simulation sees exactly what CloudFormation would get.
    private static Template Generated(LoadBalancerKind kind) =>
        TemplateReader.Parse(TemplateWriter.ToJson(HttpServiceTemplate.Build(new HttpServiceOptions { LoadBalancer = kind })));
}
