using StackKit.Resources.AutoScaling;
using StackKit.Resources.CloudWatch;
using StackKit.Templates;
using StackKit.Templates.Intrinsics;

namespace StackKit.HttpService;

/// <summary>
/// The service's rule, as CloudWatch evaluates it: over 40 requests in a minute, one server more; under 20 (a minute
/// without any included), one fewer. A load balancer publishes no <c>RequestCount</c> for a minute without requests,
/// and CloudWatch judges the most recent real datapoint in its evaluation range while one remains, ignoring
/// <c>TreatMissingData</c>: on the raw metric, a busy minute followed by silence keeps adding servers for minutes.
/// So each alarm reads <c>IF(present, req, 0)</c>, where <c>present</c> comes from the load balancer's
/// <c>HealthyHostCount</c>, published every minute while servers are registered: a quiet minute is a real zero.
/// Step policies (no cooldown) act in every minute their alarm spends in ALARM. With CPU scaling, the scale-in alarm
/// also asks that the remaining servers stay under the CPU target, so target tracking never adds back what the rule
/// removed (tracking itself only adds, see <see cref="TargetTracking"/>).
/// </summary>
internal static class RequestScaling
{
    private const int Minute = 60;

    /// <summary>The series the alarms compare: requests per minute, 0 in a minute the load balancer reported without any.</summary>
    public const string RequestsId = "requests";

    public static void Add(Template template, AutoScalingGroup group, string metricNamespace, Func<MetricDimension> loadBalancerDimension, Func<MetricDimension[]> hostDimensions, bool cpuScaling)
    {
        var scaleOut = template.Add(StepPolicy("ScaleOutPolicy", group, new StepAdjustment { MetricIntervalLowerBound = 0, ScalingAdjustment = 1 }));
        template.Add(RequestsAlarm(
            "HighRequestsAlarm", $"More than {HttpServiceTemplate.ScaleOutAboveRequestsPerMinute} requests in a minute: add a server.",
            HttpServiceTemplate.ScaleOutAboveRequestsPerMinute, ComparisonOperator.GreaterThanThreshold,
            // Only when the load balancer reported nothing at all (no server registered): no reason to add one.
            TreatMissingData.NotBreaching, scaleOut, metricNamespace, loadBalancerDimension, hostDimensions));
        var scaleIn = template.Add(StepPolicy("ScaleInPolicy", group, cpuScaling
            ? new StepAdjustment { MetricIntervalLowerBound = 0, ScalingAdjustment = -1 }
            : new StepAdjustment { MetricIntervalUpperBound = 0, ScalingAdjustment = -1 }));
        template.Add(cpuScaling ? QuietAndCoolAlarm(metricNamespace, loadBalancerDimension, hostDimensions, group, scaleIn) : RequestsAlarm(
            "LowRequestsAlarm", $"Fewer than {HttpServiceTemplate.ScaleInBelowRequestsPerMinute} requests in a minute (none counts): remove a server.",
            HttpServiceTemplate.ScaleInBelowRequestsPerMinute, ComparisonOperator.LessThanThreshold,
            // Silence stays "under 20" even when the load balancer reports nothing at all.
            TreatMissingData.Breaching, scaleIn, metricNamespace, loadBalancerDimension, hostDimensions));
    }

    // One minute's requests against a threshold, quiet minutes counted as 0 (Requests), acting on every minute in ALARM.
    private static Alarm RequestsAlarm(
        string logicalId, string description, int threshold, ComparisonOperator comparison, TreatMissingData missing, ScalingPolicy policy,
        string metricNamespace, Func<MetricDimension> loadBalancerDimension, Func<MetricDimension[]> hostDimensions) =>
        new(logicalId)
        {
            AlarmDescription = description,
            Metrics = [.. Requests(metricNamespace, loadBalancerDimension, hostDimensions, returned: true)],
            EvaluationPeriods = 1,
            DatapointsToAlarm = 1,
            Threshold = threshold,
            ComparisonOperator = comparison,
            TreatMissingData = missing,
            AlarmActions = new[] { policy.PolicyArn },
            Tags = HttpServiceTemplate.StackNameTags(),
        };

    // Requests under 20 and the average CPU still under target once a server is gone: cpu × n < target × (n − 1).
    private static Alarm QuietAndCoolAlarm(string metricNamespace, Func<MetricDimension> loadBalancerDimension, Func<MetricDimension[]> hostDimensions, AutoScalingGroup group, ScalingPolicy scaleIn)
    {
        MetricDimension Group() => new() { Name = "AutoScalingGroupName", Value = group.Ref };
        return new Alarm("LowRequestsAlarm")
        {
            AlarmDescription = $"Fewer than {HttpServiceTemplate.ScaleInBelowRequestsPerMinute} requests in a minute (none counts) and the servers left would stay under the CPU target: remove a server.",
            Metrics =
            [
                .. Requests(metricNamespace, loadBalancerDimension, hostDimensions, returned: false),
                Stat("cpu", "AWS/EC2", "CPUUtilization", [Group()], Statistic.Average),
                Stat("servers", "AWS/AutoScaling", "GroupInServiceInstances", [Group()], Statistic.Maximum),
                new MetricDataQuery
                {
                    Id = "quiet",
                    Expression = Fn.Sub($"{RequestsId} < {HttpServiceTemplate.ScaleInBelowRequestsPerMinute} AND cpu * servers < ${{{TargetTracking.CpuTargetParameter}}} * (servers - 1)"),
                    Label = "1 when a server can go",
                    ReturnData = true,
                },
            ],
            EvaluationPeriods = 1,
            DatapointsToAlarm = 1,
            Threshold = 1,
            ComparisonOperator = ComparisonOperator.GreaterThanOrEqualToThreshold,
            // Silence is already a real zero; no datapoint at all means no metrics, and then no server goes.
            TreatMissingData = TreatMissingData.NotBreaching,
            AlarmActions = new[] { scaleIn.PolicyArn },
            Tags = HttpServiceTemplate.StackNameTags(),
        };
    }

    private static IEnumerable<MetricDataQuery> Requests(string metricNamespace, Func<MetricDimension> loadBalancerDimension, Func<MetricDimension[]> hostDimensions, bool returned) =>
    [
        Stat("req", metricNamespace, "RequestCount", [loadBalancerDimension()], Statistic.Sum),
        Stat("hosts", metricNamespace, "HealthyHostCount", hostDimensions(), Statistic.Maximum),
        new MetricDataQuery { Id = "present", Expression = "hosts >= 0", Label = "1 in each minute the load balancer reported", ReturnData = false },
        new MetricDataQuery { Id = RequestsId, Expression = "IF(present, req, 0)", Label = "Requests per minute (0 when none)", ReturnData = returned },
    ];

    private static MetricDataQuery Stat(string id, string metricNamespace, string metricName, MetricDimension[] dimensions, Statistic statistic) => new()
    {
        Id = id,
        MetricStat = new MetricStat { Metric = new Metric { Namespace = metricNamespace, MetricName = metricName, Dimensions = dimensions }, Period = Minute, Stat = statistic },
        ReturnData = false,
    };

    private static ScalingPolicy StepPolicy(string logicalId, AutoScalingGroup group, StepAdjustment step) => new(logicalId)
    {
        AutoScalingGroupName = group.Ref,
        PolicyType = PolicyType.StepScaling,
        AdjustmentType = AdjustmentType.ChangeInCapacity,
        StepAdjustments = [step],
    };
}
