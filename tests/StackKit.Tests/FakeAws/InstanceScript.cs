using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace StackKit.Tests.FakeAws;

/// <summary>
/// The instances' side of a scripted stack: the Auto Scaling group's activities, which appear over the fake clock
/// (DescribeScalingActivities, newest first, MaxRecords honoured), and each instance's console (EC2 GetConsoleOutput,
/// base64 as EC2 sends it). Shapes follow botocore's autoscaling and ec2 models. Anything else goes to <see cref="Fallback"/>.
/// </summary>
public sealed class InstanceScript(TimeProvider clock, string groupName)
{
    private readonly List<(DateTimeOffset At, XElement[] Activity)> _activities = [];
    private int _sequence;

    public string GroupName { get; } = groupName;

    /// <summary>Console output by instance id; an instance not in it has an empty console.</summary>
    public Dictionary<string, string> Consoles { get; } = new(StringComparer.Ordinal);

    /// <summary>When set, GetConsoleOutput is refused as EC2 refuses a caller without ec2:GetConsoleOutput.</summary>
    public bool ConsoleDenied { get; set; }

    public Func<FakeAwsRequest, FakeAwsResponse> Fallback { get; set; } =
        request => FakeAwsResponse.Error(request, 400, "InvalidAction", $"The fake does not script {request.Action}.");

    /// <summary>When each launch activity became visible, oldest first.</summary>
    public List<DateTimeOffset> LaunchTimes { get; } = [];

    /// <summary>A launch that failed, as Auto Scaling reports it: no instance, the reason in Description and StatusMessage.</summary>
    public InstanceScript FailedLaunch(DateTimeOffset at, string reason) => Add(
        at,
        $"Launching a new EC2 instance.  Status Reason: {reason} Launching EC2 instance failed.",
        "Failed",
        reason + " Launching EC2 instance failed.");

    /// <summary>A launch that started <paramref name="instanceId"/>.</summary>
    public InstanceScript SuccessfulLaunch(DateTimeOffset at, string instanceId) =>
        Add(at, $"Launching a new EC2 instance: {instanceId}", "Successful", null);

    public FakeAwsResponse Respond(FakeAwsRequest request) => request.Action switch
    {
        "DescribeScalingActivities" when request["AutoScalingGroupName"] == GroupName => Activities(request),
        "DescribeScalingActivities" => FakeAwsResponse.Result(request, FakeAwsResponse.Members("Activities", [])),
        "GetConsoleOutput" => ConsoleOutput(request),
        _ => Fallback(request),
    };

    private InstanceScript Add(DateTimeOffset at, string description, string statusCode, string? statusMessage)
    {
        var id = $"{_sequence++:D8}-0000-4000-8000-5ca1ab1e0000";
        _activities.Add((at,
        [
            new XElement("ActivityId", id),
            new XElement("AutoScalingGroupName", GroupName),
            new XElement("Description", description),
            new XElement("Cause", $"At {Iso(at.AddSeconds(-4))} a user request created an AutoScalingGroup changing the desired capacity from 0 to 1.  " +
                $"At {Iso(at.AddSeconds(-1))} an instance was started in response to a difference between desired and actual capacity, increasing the capacity from 0 to 1."),
            new XElement("StartTime", Iso(at)),
            new XElement("EndTime", Iso(at.AddSeconds(1))),
            new XElement("StatusCode", statusCode),
            statusMessage is null ? null! : new XElement("StatusMessage", statusMessage),
            new XElement("Progress", 100),
            new XElement("Details", "{\"Subnet ID\":\"subnet-0a1b2c3d\",\"Availability Zone\":\"us-east-1a\"}"),
            new XElement("AutoScalingGroupState", "InService"),
            new XElement("AutoScalingGroupARN", $"arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:9d1e6f00-0000-4000-8000-000000000002:autoScalingGroupName/{GroupName}"),
        ]));
        LaunchTimes.Add(at);
        return this;
    }

    private FakeAwsResponse Activities(FakeAwsRequest request)
    {
        var max = int.Parse(request["MaxRecords"] ?? "100", CultureInfo.InvariantCulture);
        var now = clock.GetUtcNow();
        var visible = _activities.Where(a => a.At <= now).OrderByDescending(a => a.At).Take(max).Select(a => a.Activity);
        return FakeAwsResponse.Result(request, FakeAwsResponse.Members("Activities", visible));
    }

    private FakeAwsResponse ConsoleOutput(FakeAwsRequest request)
    {
        var instanceId = request["InstanceId"] ?? "";
        if (!instanceId.StartsWith("i-", StringComparison.Ordinal))
        {
            return FakeAwsResponse.Ec2Error(400, "InvalidInstanceID.Malformed", $"Invalid id: \"{instanceId}\"");
        }
        if (ConsoleDenied)
        {
            return FakeAwsResponse.Ec2Error(403, "UnauthorizedOperation",
                $"You are not authorized to perform this operation. User: arn:aws:iam::123456789012:user/dev is not authorized to perform: ec2:GetConsoleOutput on resource: arn:aws:ec2:us-east-1:123456789012:instance/{instanceId} because no identity-based policy allows the ec2:GetConsoleOutput action");
        }
        return FakeAwsResponse.Ec2Result(
            request,
            new XElement("instanceId", instanceId),
            new XElement("timestamp", Iso(clock.GetUtcNow())),
            Consoles.TryGetValue(instanceId, out var console) ? new XElement("output", Convert.ToBase64String(Encoding.UTF8.GetBytes(console))) : null!);
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
