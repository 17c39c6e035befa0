using System.Xml.Linq;

namespace StackKit.Aws.CloudFormation;

/// <summary>A stack as DescribeStacks reports it.</summary>
internal sealed record CloudFormationStack(
    string StackId,
    string StackName,
    StackStatus StackStatus,
    string? StackStatusReason,
    DateTimeOffset CreationTime,
    DateTimeOffset? LastUpdatedTime,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyDictionary<string, string> Outputs,
    IReadOnlyDictionary<string, string> Tags,
    StackDriftStatus? DriftStatus = null,
    DateTimeOffset? DriftCheckedAt = null)
{
    internal static CloudFormationStack FromXml(XElement member) => new(
        member.RequiredText("StackId"),
        member.RequiredText("StackName"),
        new StackStatus(member.RequiredText("StackStatus")),
        member.ChildText("StackStatusReason"),
        member.ChildTime("CreationTime") ?? throw new FormatException("A stack has no <CreationTime>."),
        member.ChildTime("LastUpdatedTime"),
        member.MemberPairs("Parameters", "ParameterKey", "ParameterValue"),
        member.MemberPairs("Outputs", "OutputKey", "OutputValue"),
        member.MemberPairs("Tags", "Key", "Value"),
        DriftOf(member).ChildText("StackDriftStatus") is { } drift ? new StackDriftStatus(drift) : null,
        DriftOf(member)?.ChildTime("LastCheckTimestamp"));

    // The last drift detection's outcome (botocore's StackDriftInformation); absent where moto answers.
    private static XElement? DriftOf(XElement member) => member.Elements().FirstOrDefault(e => e.Name.LocalName == "DriftInformation");
}
