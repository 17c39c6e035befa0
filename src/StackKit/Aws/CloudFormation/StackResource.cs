using System.Xml.Linq;

namespace StackKit.Aws.CloudFormation;

/// <summary>One resource of a stack as DescribeStackResources reports it.</summary>
internal sealed record StackResource(
    string LogicalResourceId,
    string? PhysicalResourceId,
    string ResourceType,
    ResourceStatus ResourceStatus,
    string? ResourceStatusReason)
{
    internal static StackResource FromXml(XElement member) => new(
        member.RequiredText("LogicalResourceId"),
        member.ChildText("PhysicalResourceId"),
        member.RequiredText("ResourceType"),
        new ResourceStatus(member.RequiredText("ResourceStatus")),
        member.ChildText("ResourceStatusReason"));
}
