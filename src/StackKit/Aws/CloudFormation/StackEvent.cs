using System.Xml.Linq;

namespace StackKit.Aws.CloudFormation;

/// <summary>One CloudFormation stack event: a resource (or the stack itself) reaching a status.</summary>
/// <param name="EventId">Unique id of the event.</param>
/// <param name="StackId">The stack's ARN.</param>
/// <param name="LogicalResourceId">The resource's name in the template, or the stack name for stack-level events.</param>
/// <param name="PhysicalResourceId">The resource's AWS id, once it has one.</param>
/// <param name="ResourceType">e.g. <c>AWS::EC2::VPC</c>, or <c>AWS::CloudFormation::Stack</c> for the stack itself.</param>
/// <param name="Timestamp">When the status was reached.</param>
/// <param name="ResourceStatus">e.g. <c>CREATE_IN_PROGRESS</c>, <c>CREATE_FAILED</c>.</param>
/// <param name="ResourceStatusReason">Why, when AWS says (always for failures).</param>
internal sealed record StackEvent(
    string EventId,
    string StackId,
    string LogicalResourceId,
    string? PhysicalResourceId,
    string ResourceType,
    DateTimeOffset Timestamp,
    ResourceStatus ResourceStatus,
    string? ResourceStatusReason)
{
    /// <summary>True when the event is about the stack itself rather than one of its resources.</summary>
    public bool IsAboutStack => ResourceType == "AWS::CloudFormation::Stack" && PhysicalResourceId == StackId;

    internal static StackEvent FromXml(XElement member) => new(
        member.RequiredText("EventId"),
        member.RequiredText("StackId"),
        member.RequiredText("LogicalResourceId"),
        member.ChildText("PhysicalResourceId"),
        member.RequiredText("ResourceType"),
        member.ChildTime("Timestamp") ?? throw new FormatException("A stack event has no <Timestamp>."),
        new ResourceStatus(member.RequiredText("ResourceStatus")),
        member.ChildText("ResourceStatusReason"));

    /// <summary>One line: resource, type, status and reason.</summary>
    public override string ToString() =>
        ResourceStatusReason is null
            ? $"{LogicalResourceId} ({ResourceType}) {ResourceStatus}"
            : $"{LogicalResourceId} ({ResourceType}) {ResourceStatus}: {ResourceStatusReason}";
}
