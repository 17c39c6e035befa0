using System.Xml.Linq;

namespace StackKit.Aws.CloudFormation;

/// <summary>One resource's change as DescribeChangeSet reports it (botocore's <c>ResourceChange</c>).</summary>
internal sealed record ChangeSetResourceChange(
    string Action,
    string LogicalResourceId,
    string? PhysicalResourceId,
    string ResourceType,
    string? Replacement,
    IReadOnlyList<string> Scope,
    IReadOnlyList<string> Causes)
{
    internal static ChangeSetResourceChange FromXml(XElement change) => new(
        change.RequiredText("Action"),
        change.RequiredText("LogicalResourceId"),
        change.ChildText("PhysicalResourceId"),
        change.RequiredText("ResourceType"),
        change.ChildText("Replacement"),
        change.Members("Scope").Select(scope => scope.Value).ToList(),
        change.Members("Details").Select(Cause).Distinct(StringComparer.Ordinal).ToList());

    // "Properties.ImageId (ImageId parameter)": what changes and what makes it change.
    private static string Cause(XElement detail)
    {
        var target = detail.Elements().FirstOrDefault(e => e.Name.LocalName == "Target");
        var what = string.Join(".", new[] { target.ChildText("Attribute"), target.ChildText("Name") }.Where(part => !string.IsNullOrEmpty(part)));
        var causedBy = detail.ChildText("CausingEntity");
        return causedBy is null ? what : $"{what} ({causedBy})";
    }
}
