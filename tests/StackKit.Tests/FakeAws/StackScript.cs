using System.Globalization;
using System.Xml.Linq;

namespace StackKit.Tests.FakeAws;

/// <summary>
/// One CloudFormation stack whose operations unfold over the fake clock: CreateStack, UpdateStack and DeleteStack
/// each start a scripted timeline of events; DescribeStackEvents and DescribeStacks show what has happened so far,
/// newest first, as CloudFormation does. Anything else is left to <see cref="Fallback"/>.
/// </summary>
public sealed class StackScript(string name, TimeProvider clock)
{
    private const int EventsPerPage = 100;
    private readonly Dictionary<string, IReadOnlyList<ScriptedEvent>> _scripts = new(StringComparer.Ordinal);
    private readonly List<(DateTimeOffset At, ScriptedEvent Event, int Sequence)> _timeline = [];
    private readonly object _lock = new();
    private int _sequence;

    public string Name { get; } = name;

    public string Id { get; } = $"arn:aws:cloudformation:us-east-1:123456789012:stack/{name}/6a1e3f00-0000-4000-8000-000000000001";

    public DateTimeOffset? CreatedAt { get; private set; }

    /// <summary>Stack resources as DescribeStackResources reports them (logical id, type, physical id, status, reason).</summary>
    public List<(string LogicalId, string Type, string? PhysicalId, string Status, string? Reason)> Resources { get; } = [];

    public Dictionary<string, string> Parameters { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Outputs { get; } = new(StringComparer.Ordinal);

    /// <summary>The last drift detection's result as DescribeStacks reports it (DriftInformation); none when null, as moto answers.</summary>
    public (string Status, DateTimeOffset? CheckedAt)? Drift { get; set; }

    /// <summary>Answers whatever the stack does not: other services, or other stacks.</summary>
    public Func<FakeAwsRequest, FakeAwsResponse> Fallback { get; set; } =
        request => FakeAwsResponse.Error(request, 400, "InvalidAction", $"The fake does not script {request.Action}.");

    /// <summary>The events <paramref name="action"/> (CreateStack, UpdateStack or DeleteStack) produces, relative to its call.</summary>
    public StackScript On(string action, params ScriptedEvent[] timeline)
    {
        _scripts[action] = timeline;
        return this;
    }

    /// <summary>Makes the stack exist already, created with <paramref name="status"/> a while before now.</summary>
    public StackScript Existing(string status = "CREATE_COMPLETE")
    {
        var at = clock.GetUtcNow().AddHours(-1);
        CreatedAt = at;
        Append(at, [new(TimeSpan.Zero, Name, ScriptedEvent.StackType, "CREATE_IN_PROGRESS", "User Initiated"), new(TimeSpan.FromMinutes(3), Name, ScriptedEvent.StackType, status)]);
        return this;
    }

    /// <summary>When the stack-level event with <paramref name="status"/> becomes visible.</summary>
    public DateTimeOffset TimeOf(string status)
    {
        lock (_lock)
        {
            return _timeline.Last(e => e.Event.LogicalResourceId == Name && e.Event.ResourceStatus == status).At;
        }
    }

    public FakeAwsResponse Respond(FakeAwsRequest request)
    {
        var stackName = request["StackName"];
        var isThisStack = stackName == Name || stackName == Id;
        return (request.Action, isThisStack) switch
        {
            ("CreateStack", true) => Start(request, () => FakeAwsResponse.Result(request, new XElement("StackId", Id))),
            ("UpdateStack", true) => Start(request, () => FakeAwsResponse.Result(request, new XElement("StackId", Id))),
            ("DeleteStack", true) => Start(request, () => FakeAwsResponse.Result(request)),
            ("DescribeStacks", false) when stackName is null => FakeAwsResponse.Result(request, FakeAwsResponse.Members("Stacks", Exists() ? [StackXml()] : [])),
            ("DescribeStacks", true) => Exists() ? FakeAwsResponse.Result(request, FakeAwsResponse.Members("Stacks", [StackXml()])) : Missing(request),
            ("DescribeStackEvents", true) => Exists() ? EventsPage(request) : Missing(request),
            ("DescribeStackResources", true) => FakeAwsResponse.Result(request, FakeAwsResponse.Members("StackResources", Resources.Select(ResourceXml))),
            ("DescribeStacks" or "DescribeStackEvents" or "DescribeStackResources" or "UpdateStack", false) when stackName is not null => Missing(request),
            _ => Fallback(request),
        };
    }

    private FakeAwsResponse Start(FakeAwsRequest request, Func<FakeAwsResponse> answer)
    {
        if (request.Action == "CreateStack")
        {
            CreatedAt = clock.GetUtcNow();
            foreach (var parameter in request.Form.Where(f => f.Key.EndsWith(".ParameterKey", StringComparison.Ordinal)))
            {
                Parameters[parameter.Value] = request[parameter.Key.Replace(".ParameterKey", ".ParameterValue", StringComparison.Ordinal)] ?? "";
            }
        }
        Append(clock.GetUtcNow(), _scripts.GetValueOrDefault(request.Action) ?? []);
        return answer();
    }

    private void Append(DateTimeOffset start, IReadOnlyList<ScriptedEvent> events)
    {
        lock (_lock)
        {
            foreach (var scripted in events)
            {
                _timeline.Add((start + scripted.At, scripted, _sequence++));
            }
        }
    }

    private List<(DateTimeOffset At, ScriptedEvent Event, int Sequence)> VisibleNewestFirst()
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            return [.. _timeline.Where(e => e.At <= now).OrderByDescending(e => e.At).ThenByDescending(e => e.Sequence)];
        }
    }

    private bool Exists() => CreatedAt is not null && CreatedAt <= clock.GetUtcNow();

    private string Status() =>
        VisibleNewestFirst().Where(e => e.Event.LogicalResourceId == Name).Select(e => e.Event.ResourceStatus).FirstOrDefault() ?? "CREATE_IN_PROGRESS";

    private static FakeAwsResponse Missing(FakeAwsRequest request) =>
        FakeAwsResponse.Error(request, 400, "ValidationError", $"Stack with id {request["StackName"]} does not exist");

    private FakeAwsResponse EventsPage(FakeAwsRequest request)
    {
        var skip = int.Parse(request["NextToken"] ?? "0", CultureInfo.InvariantCulture);
        var visible = VisibleNewestFirst();
        var page = visible.Skip(skip).Take(EventsPerPage).Select(e => EventXml(e.At, e.Event, e.Sequence));
        var more = skip + EventsPerPage < visible.Count;
        return FakeAwsResponse.Result(
            request,
            FakeAwsResponse.Members("StackEvents", page),
            more ? new XElement("NextToken", (skip + EventsPerPage).ToString(CultureInfo.InvariantCulture)) : null!);
    }

    private XElement[] EventXml(DateTimeOffset at, ScriptedEvent scripted, int sequence)
    {
        var isStack = scripted.LogicalResourceId == Name;
        return
        [
            new XElement("StackId", Id),
            new XElement("EventId", $"{scripted.LogicalResourceId}-{scripted.ResourceStatus}-{sequence}"),
            new XElement("StackName", Name),
            new XElement("LogicalResourceId", scripted.LogicalResourceId),
            new XElement("PhysicalResourceId", isStack ? Id : $"{scripted.LogicalResourceId.ToLowerInvariant()}-0001"),
            new XElement("ResourceType", scripted.ResourceType),
            new XElement("Timestamp", Iso(at)),
            new XElement("ResourceStatus", scripted.ResourceStatus),
            scripted.Reason is null ? null! : new XElement("ResourceStatusReason", scripted.Reason),
        ];
    }

    private XElement[] StackXml()
    {
        var status = Status();
        return
        [
            new XElement("StackId", Id),
            new XElement("StackName", Name),
            FakeAwsResponse.Members("Parameters", Parameters.Select(p => new object[] { new XElement("ParameterKey", p.Key), new XElement("ParameterValue", p.Value) })),
            new XElement("CreationTime", Iso(CreatedAt!.Value)),
            new XElement("StackStatus", status),
            FakeAwsResponse.Members("Outputs", status.EndsWith("_COMPLETE", StringComparison.Ordinal) && !status.Contains("ROLLBACK", StringComparison.Ordinal)
                ? Outputs.Select(o => new object[] { new XElement("OutputKey", o.Key), new XElement("OutputValue", o.Value) })
                : []),
            FakeAwsResponse.Members("Tags", [new object[] { new XElement("Key", "stackkit:managed-by"), new XElement("Value", "StackKit") }]),
            Drift is { } drift
                ? new XElement("DriftInformation", new XElement("StackDriftStatus", drift.Status), drift.CheckedAt is { } at ? new XElement("LastCheckTimestamp", Iso(at)) : null!)
                : null!,
        ];
    }

    private static XElement[] ResourceXml((string LogicalId, string Type, string? PhysicalId, string Status, string? Reason) resource) =>
    [
        new XElement("LogicalResourceId", resource.LogicalId),
        resource.PhysicalId is null ? null! : new XElement("PhysicalResourceId", resource.PhysicalId),
        new XElement("ResourceType", resource.Type),
        new XElement("Timestamp", "2026-11-26T09:00:00.000Z"),
        new XElement("ResourceStatus", resource.Status),
        resource.Reason is null ? null! : new XElement("ResourceStatusReason", resource.Reason),
    ];

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
