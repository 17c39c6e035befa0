using System.Xml.Linq;

namespace StackKit.Aws.CloudFormation;

/// <summary>Where a drift detection stands, as DescribeStackDriftDetectionStatus reports it.</summary>
/// <param name="DetectionStatus"><c>DETECTION_IN_PROGRESS</c>, <c>DETECTION_COMPLETE</c> or <c>DETECTION_FAILED</c>.</param>
/// <param name="StackDriftStatus">The stack's drift once known; absent while in progress.</param>
/// <param name="Reason">Why detection failed, when it did.</param>
/// <param name="Timestamp">When the detection ran.</param>
internal sealed record DriftDetectionStatus(string DetectionStatus, StackDriftStatus? StackDriftStatus, string? Reason, DateTimeOffset Timestamp)
{
    public const string InProgress = "DETECTION_IN_PROGRESS";
    public const string Failed = "DETECTION_FAILED";

    internal static DriftDetectionStatus FromXml(XElement result) => new(
        result.RequiredText("DetectionStatus"),
        result.ChildText("StackDriftStatus") is { } status ? new StackDriftStatus(status) : null,
        result.ChildText("DetectionStatusReason"),
        result.ChildTime("Timestamp") ?? throw new FormatException("A drift detection status has no <Timestamp>."));
}
