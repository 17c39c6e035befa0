using System.Xml.Linq;

namespace StackKit.Aws.CloudFormation;

/// <summary>Reads one member of DescribeStackResourceDrifts' list (botocore's <c>StackResourceDrift</c>).</summary>
internal static class ResourceDriftXml
{
    public static ResourceDrift FromXml(XElement member) => new()
    {
        LogicalId = member.RequiredText("LogicalResourceId"),
        PhysicalId = member.ChildText("PhysicalResourceId"),
        ResourceType = member.RequiredText("ResourceType"),
        Status = new ResourceDriftStatus(member.RequiredText("StackResourceDriftStatus")),
        Reason = member.ChildText("DriftStatusReason"),
        PropertyDifferences = member.Members("PropertyDifferences")
            .Select(difference => new PropertyDifference(
                difference.RequiredText("PropertyPath"),
                difference.ChildText("ExpectedValue") ?? "",
                difference.ChildText("ActualValue") ?? "",
                new PropertyDifferenceType(difference.RequiredText("DifferenceType"))))
            .ToList(),
        CheckedAt = member.ChildTime("Timestamp") ?? throw new FormatException("A resource drift has no <Timestamp>."),
    };
}
