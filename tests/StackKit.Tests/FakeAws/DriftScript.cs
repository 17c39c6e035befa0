using System.Globalization;
using System.Xml.Linq;

namespace StackKit.Tests.FakeAws;

/// <summary>
/// CloudFormation's drift detection, which moto does not implement, in botocore's response shapes: DetectStackDrift
/// starts a detection whose status goes through <see cref="Statuses"/> one poll at a time, and
/// DescribeStackResourceDrifts lists <see cref="Resources"/> filtered by status, <see cref="PageSize"/> a page.
/// </summary>
public sealed class DriftScript(StackScript stack)
{
    public const string DetectionId = "b7e8a1c0-5d2f-11ef-8a0e-0a1b2c3d4e5f";

    private int _polls;

    /// <summary>What each DescribeStackDriftDetectionStatus answers, in order; the last one repeats.</summary>
    public List<(string DetectionStatus, string? StackDriftStatus, string? Reason)> Statuses { get; } = [("DETECTION_COMPLETE", "DRIFTED", null)];

    /// <summary>Each resource's last detection result.</summary>
    public List<ResourceDriftLine> Resources { get; } = [];

    public int PageSize { get; set; } = 2;

    public DateTimeOffset CheckedAt { get; set; } = new(2026, 12, 7, 1, 0, 0, TimeSpan.Zero);

    /// <summary>The answer to a drift call, or null for any other call.</summary>
    public FakeAwsResponse? Respond(FakeAwsRequest request) => request.Action switch
    {
        "DetectStackDrift" when IsThisStack(request) => Detect(request),
        "DescribeStackDriftDetectionStatus" when request["StackDriftDetectionId"] == DetectionId => Status(request),
        "DescribeStackResourceDrifts" when IsThisStack(request) => Page(request),
        "DetectStackDrift" or "DescribeStackResourceDrifts" => FakeAwsResponse.Error(request, 400, "ValidationError", $"Stack with id {request["StackName"]} does not exist"),
        _ => null,
    };

    private bool IsThisStack(FakeAwsRequest request) => request["StackName"] == stack.Name || request["StackName"] == stack.Id;

    private FakeAwsResponse Detect(FakeAwsRequest request)
    {
        _polls = 0;
        return FakeAwsResponse.Result(request, new XElement("StackDriftDetectionId", DetectionId));
    }

    private FakeAwsResponse Status(FakeAwsRequest request)
    {
        var (detection, drift, reason) = Statuses[Math.Min(_polls++, Statuses.Count - 1)];
        return FakeAwsResponse.Result(request,
            new XElement("StackId", stack.Id),
            new XElement("StackDriftDetectionId", DetectionId),
            drift is null ? null! : new XElement("StackDriftStatus", drift),
            new XElement("DetectionStatus", detection),
            reason is null ? null! : new XElement("DetectionStatusReason", reason),
            drift is null ? null! : new XElement("DriftedStackResourceCount", Resources.Count(r => r.Status is "MODIFIED" or "DELETED")),
            new XElement("Timestamp", Iso(CheckedAt)));
    }

    private FakeAwsResponse Page(FakeAwsRequest request)
    {
        var filters = request.Form.Where(f => f.Key.StartsWith("StackResourceDriftStatusFilters.member.", StringComparison.Ordinal)).Select(f => f.Value).ToHashSet();
        var matching = Resources.Where(r => filters.Count == 0 || filters.Contains(r.Status)).ToList();
        var skip = int.Parse(request["NextToken"] ?? "0", CultureInfo.InvariantCulture);
        var more = skip + PageSize < matching.Count;
        return FakeAwsResponse.Result(request,
            FakeAwsResponse.Members("StackResourceDrifts", matching.Skip(skip).Take(PageSize).Select(Member)),
            more ? new XElement("NextToken", (skip + PageSize).ToString(CultureInfo.InvariantCulture)) : null!);
    }

    private object[] Member(ResourceDriftLine resource) =>
    [
        new XElement("StackId", stack.Id),
        new XElement("LogicalResourceId", resource.LogicalId),
        new XElement("PhysicalResourceId", resource.PhysicalId),
        new XElement("ResourceType", resource.Type),
        new XElement("ExpectedProperties", resource.ExpectedProperties),
        resource.Status == "DELETED" ? null! : new XElement("ActualProperties", resource.ActualProperties),
        FakeAwsResponse.Members("PropertyDifferences", resource.Differences.Select(d => new object[]
        {
            new XElement("PropertyPath", d.Path),
            new XElement("ExpectedValue", d.Expected),
            new XElement("ActualValue", d.Actual),
            new XElement("DifferenceType", d.Type),
        })),
        new XElement("StackResourceDriftStatus", resource.Status),
        new XElement("Timestamp", Iso(CheckedAt)),
        resource.Reason is null ? null! : new XElement("DriftStatusReason", resource.Reason),
    ];

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}

/// <summary>One resource as DescribeStackResourceDrifts lists it.</summary>
public sealed record ResourceDriftLine(
    string LogicalId, string Type, string PhysicalId, string Status, string ExpectedProperties, string ActualProperties,
    IReadOnlyList<(string Path, string Expected, string Actual, string Type)> Differences, string? Reason = null)
{
    /// <summary>
    /// What someone did in the console: widened the stack's SSH rule from one address to the internet. A
    /// SecurityGroupIngress resource's CidrIp changes in place on AWS, and drift detection reports it like this.
    /// </summary>
    public static ResourceDriftLine WidenedSshRule { get; } = new(
        "SshIngress", "AWS::EC2::SecurityGroupIngress", "sgr-0a1b2c3d4e5f60718", "MODIFIED",
        """{"CidrIp":"203.0.113.7/32","FromPort":22,"GroupId":"sg-0123456789abcdef0","IpProtocol":"tcp","ToPort":22}""",
        """{"CidrIp":"0.0.0.0/0","FromPort":22,"GroupId":"sg-0123456789abcdef0","IpProtocol":"tcp","ToPort":22}""",
        [("/CidrIp", "203.0.113.7/32", "0.0.0.0/0", "NOT_EQUAL")]);

    /// <summary>And added a rule by hand to the instances' group: port 8080 open to the internet.</summary>
    public static ResourceDriftLine AddedInstanceRule { get; } = new(
        "InstanceSecurityGroup", "AWS::EC2::SecurityGroup", "sg-0123456789abcdef0", "MODIFIED",
        """{"GroupDescription":"svc servers","SecurityGroupIngress":[{"FromPort":80,"IpProtocol":"tcp","SourceSecurityGroupId":"sg-0fedcba9876543210","ToPort":80}],"VpcId":"vpc-0a1b2c3d"}""",
        """{"GroupDescription":"svc servers","SecurityGroupIngress":[{"FromPort":80,"IpProtocol":"tcp","SourceSecurityGroupId":"sg-0fedcba9876543210","ToPort":80},{"CidrIp":"0.0.0.0/0","FromPort":8080,"IpProtocol":"tcp","ToPort":8080}],"VpcId":"vpc-0a1b2c3d"}""",
        [("/SecurityGroupIngress/1", "null", """{"CidrIp":"0.0.0.0/0","FromPort":8080,"IpProtocol":"tcp","ToPort":8080}""", "ADD")]);

    /// <summary>And deleted the log group.</summary>
    public static ResourceDriftLine DeletedLogGroup { get; } = new(
        "LogGroup", "AWS::Logs::LogGroup", "svc-LogGroup-1A2B3C", "DELETED", """{"RetentionInDays":30}""", "", []);

    /// <summary>In sync: listed only when the filter asks for IN_SYNC.</summary>
    public static ResourceDriftLine LoadBalancerInSync { get; } = new(
        "LoadBalancer", "AWS::ElasticLoadBalancing::LoadBalancer", "svc-LoadBala-1A2B3C", "IN_SYNC", "{}", "{}", []);
}
