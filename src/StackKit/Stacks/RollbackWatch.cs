using StackKit.Aws.CloudFormation;
using StackKit.HttpService;

namespace StackKit.Stacks;

/// <summary>
/// An update watched by the stack's own health alarms: CloudFormation rolls it back when one goes to ALARM during the
/// update or for <see cref="Minutes"/> after every resource is updated. The alarms must exist before the update (a
/// trigger that does not exist fails the update), so they are the ones the stack has now, found by logical id.
/// </summary>
internal sealed class RollbackWatch
{
    private readonly IReadOnlyList<(string LogicalId, string Name)> _alarms;

    private RollbackWatch(IReadOnlyList<(string LogicalId, string Name)> alarms, string stackId, int minutes)
    {
        _alarms = alarms;
        Minutes = minutes;
        // arn:aws:cloudformation:us-east-1:123456789012:stack/web/... gives the partition, region and account.
        var arn = stackId.Split(':');
        Configuration = new RollbackConfiguration([.. alarms.Select(a => $"arn:{arn[1]}:cloudwatch:{arn[3]}:{arn[4]}:alarm:{a.Name}")], minutes);
    }

    /// <summary>How long CloudFormation keeps watching after the last resource is updated.</summary>
    public int Minutes { get; }

    /// <summary>What UpdateStack carries.</summary>
    public RollbackConfiguration Configuration { get; }

    /// <summary>The alarms' names, for messages.</summary>
    public string AlarmNames => string.Join(" and ", _alarms.Select(a => a.Name));

    /// <summary>The watch over the health alarms among <paramref name="resources"/>; null when the stack has none.</summary>
    public static RollbackWatch? For(string stackId, IReadOnlyList<StackResource> resources, int minutes)
    {
        var alarms = resources
            .Where(r => Notifications.HealthAlarms.Contains(r.LogicalResourceId) && !string.IsNullOrEmpty(r.PhysicalResourceId))
            .Select(r => (r.LogicalResourceId, r.PhysicalResourceId!))
            .ToList();
        return alarms.Count == 0 ? null : new RollbackWatch(alarms, stackId, minutes);
    }

    /// <summary>
    /// The alarm whose ALARM state rolled the update back, with the event that says so: the first event after the
    /// update began whose reason names one of the alarms (by name or ARN; the wording of the reason is CloudFormation's).
    /// </summary>
    public (string LogicalId, string Name, StackEvent Event)? AlarmThatFired(IReadOnlyList<StackEvent> events)
    {
        foreach (var stackEvent in events)
        {
            foreach (var (logicalId, name) in _alarms)
            {
                if (stackEvent.ResourceStatusReason?.Contains(name, StringComparison.Ordinal) == true)
                {
                    return (logicalId, name, stackEvent);
                }
            }
        }
        return null;
    }

    /// <summary>Whether <paramref name="stackEvent"/> begins the monitoring time: the rolling update of the servers is done.</summary>
    public static bool BeginsMonitoring(StackEvent stackEvent) =>
        stackEvent.LogicalResourceId == HttpServiceTemplate.GroupLogicalId && stackEvent.ResourceStatus == ResourceStatus.UpdateComplete;

    /// <summary>The progress line of the monitoring time.</summary>
    public string MonitoringNote() =>
        $"Every server runs the new version; CloudFormation watches {AlarmNames} for {Minutes} minute{(Minutes == 1 ? "" : "s")} and rolls the update back if one goes to ALARM.";
}
