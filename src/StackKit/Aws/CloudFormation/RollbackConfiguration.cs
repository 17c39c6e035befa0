namespace StackKit.Aws.CloudFormation;

/// <summary>
/// CloudFormation's rollback triggers for one update: the alarms (by ARN) that roll it back when one goes to ALARM
/// during the update or for <paramref name="MonitoringTimeInMinutes"/> after every resource is updated (0 to 180).
/// UpdateStack and CreateChangeSet take it; ExecuteChangeSet does not (a change set carries its own).
/// </summary>
internal sealed record RollbackConfiguration(IReadOnlyList<string> AlarmArns, int MonitoringTimeInMinutes)
{
    /// <summary>The only trigger type StackKit sends: a metric alarm.</summary>
    public const string AlarmType = "AWS::CloudWatch::Alarm";

    /// <summary>Adds the configuration as botocore's query serializer writes it (RollbackConfiguration.RollbackTriggers.member.N.Arn).</summary>
    public QueryRequest AddTo(QueryRequest request) => request
        .AddList("RollbackConfiguration.RollbackTriggers", AlarmArns, arn => [new("Arn", arn), new("Type", AlarmType)])
        .Add("RollbackConfiguration.MonitoringTimeInMinutes", MonitoringTimeInMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
