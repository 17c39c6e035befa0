using StackKit.Resources.AutoScaling;
using StackKit.Resources.CloudWatch;
using StackKit.Resources.Sns;
using StackKit.Templates;

namespace StackKit.HttpService;

/// <summary>
/// The service's health alarms: hosts unhealthy for ten minutes and backend 5XX errors over a threshold. They are an
/// update's rollback triggers (<see cref="HttpServiceOptions.RollbackAlarms"/>) and, with an e-mail address, notify an
/// SNS topic with the address subscribed, beside the group's own notice when it cannot launch an instance. The scaling
/// alarms are untouched.
/// </summary>
internal static class Notifications
{
    public const string Backend5xxThresholdParameter = "Backend5xxThreshold";

    /// <summary>The topic's logical id, by which a stack's topic is found (its physical id is the topic's ARN).</summary>
    public const string TopicLogicalId = "AlarmTopic";

    /// <summary>Minutes a host must stay unhealthy before anyone is e-mailed: longer than a normal scale-out's boots.</summary>
    public const int UnhealthyMinutes = 10;

    /// <summary>The group's notice of a launch that failed (no capacity, a bad AMI or instance profile, ...).</summary>
    public const string LaunchErrorNotification = "autoscaling:EC2_INSTANCE_LAUNCH_ERROR";

    public static Topic Add(Template template, HttpServiceOptions options)
    {
        var topic = template.Add(new Topic(TopicLogicalId) { DisplayName = "StackKit alarms", Tags = HttpServiceTemplate.StackNameTags() });
        template.Add(new Subscription("AlarmEmail") { TopicArn = topic.TopicArn, Protocol = "email", Endpoint = options.NotificationEmail! });
        return topic;
    }

    /// <summary>The unhealthy-hosts alarm's logical id; its physical id is the alarm's name.</summary>
    public const string UnhealthyHostsAlarm = "UnhealthyHostsAlarm";

    /// <summary>The backend 5XX alarm's logical id; its physical id is the alarm's name.</summary>
    public const string Backend5xxAlarm = "Backend5xxAlarm";

    /// <summary>The alarms an update is rolled back on, by logical id.</summary>
    public static readonly IReadOnlyList<string> HealthAlarms = [UnhealthyHostsAlarm, Backend5xxAlarm];

    /// <summary>
    /// The alarms, on the front end's own metrics (Classic and Application load balancers name them differently);
    /// they notify <paramref name="topic"/> when there is one.
    /// </summary>
    public static void AddAlarms(Template template, Topic? topic, string metricNamespace, bool application, Func<MetricDimension[]> hostDimensions, Func<MetricDimension> loadBalancerDimension)
    {
        var threshold = template.Add(new Parameter(Backend5xxThresholdParameter, ParameterTypes.Number)
        {
            Description = "How many 5XX answers from the servers in 5 minutes raise the alarm.",
            Default = "10",
            MinValue = 1,
            ConstraintDescription = "a whole number of 1 or more",
        });
        // A booting server is registered, and unhealthy, until it answers: a scale-out of four, one a minute, each
        // about two minutes to boot, shows an unhealthy host for about six minutes. Every minute of ten, with the
        // fewest unhealthy hosts any load balancer node saw (Minimum), is a server that stays broken.
        var unhealthy = Alarm(UnhealthyHostsAlarm, topic, $"Servers behind the load balancer have been unhealthy for {UnhealthyMinutes} minutes.",
            metricNamespace, "UnHealthyHostCount", hostDimensions(), Statistic.Minimum, 60, UnhealthyMinutes, 0, TreatMissingData.NotBreaching);
        unhealthy.DatapointsToAlarm = UnhealthyMinutes;
        template.Add(unhealthy);
        var backend5xx = Alarm(Backend5xxAlarm, topic, "The servers answered with more 5XX errors than Backend5xxThreshold in 5 minutes.",
            metricNamespace, application ? "HTTPCode_Target_5XX_Count" : "HTTPCode_Backend_5XX", [loadBalancerDimension()], Statistic.Sum, 300, 1, 0, TreatMissingData.NotBreaching);
        backend5xx.Threshold = threshold.RefAs<double>();
        template.Add(backend5xx);
    }

    /// <summary>The group's notification configuration for the topic.</summary>
    public static NotificationConfiguration LaunchErrors(Topic topic) =>
        new() { TopicARN = topic.TopicArn, NotificationTypes = new Value<string>[] { LaunchErrorNotification } };

    // Without a topic an alarm acts on nothing itself: it is an update's rollback trigger.
    private static ValueList<string>? Actions(Topic? topic)
    {
        if (topic is null)
        {
            return null;
        }
        return new Value<string>[] { topic.TopicArn };
    }

    private static Alarm Alarm(string logicalId, Topic? topic, string description, string metricNamespace, string metric, MetricDimension[] dimensions,
        Statistic statistic, int period, int periods, double threshold, TreatMissingData missingData) => new(logicalId)
    {
        AlarmDescription = description,
        Namespace = metricNamespace,
        MetricName = metric,
        Dimensions = dimensions,
        Statistic = statistic,
        Period = period,
        EvaluationPeriods = periods,
        Threshold = threshold,
        ComparisonOperator = ComparisonOperator.GreaterThanThreshold,
        TreatMissingData = missingData,
        AlarmActions = Actions(topic),
        OKActions = Actions(topic),
        Tags = HttpServiceTemplate.StackNameTags(),
    };
}
