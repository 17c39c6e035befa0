using System.Xml.Linq;

namespace StackKit.Aws.CloudFormation;

/// <summary>One page of DescribeChangeSet: the set's state and its resource changes.</summary>
internal sealed record ChangeSetPage(ChangeSetStatus Status, string? StatusReason, IReadOnlyList<ChangeSetResourceChange> Changes, string? NextToken)
{
    internal static ChangeSetPage FromXml(XElement result) => new(
        new ChangeSetStatus(result.RequiredText("Status")),
        result.ChildText("StatusReason"),
        result.Members("Changes")
            .Select(change => change.Elements().FirstOrDefault(e => e.Name.LocalName == "ResourceChange"))
            .OfType<XElement>()
            .Select(ChangeSetResourceChange.FromXml)
            .ToList(),
        result.ChildText("NextToken"));
}
