using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace StackKit.Aws.AutoScaling;

/// <summary>
/// One Auto Scaling activity: a launch or a termination, why it began and how it ended. A failed launch says why in
/// <paramref name="StatusMessage"/> (vCPU limit, missing key pair, unauthorized AMI...), which CloudFormation's
/// events never show.
/// </summary>
/// <param name="ActivityId">The activity's id.</param>
/// <param name="Description">e.g. "Launching a new EC2 instance: i-0abc" or "Launching a new EC2 instance.  Status Reason: ...".</param>
/// <param name="Cause">Why it began.</param>
/// <param name="StartTime">When it began.</param>
/// <param name="StatusCode">Successful, Failed, InProgress, Cancelled...</param>
/// <param name="StatusMessage">Why it failed, when it did.</param>
internal sealed record ScalingActivity(string ActivityId, string Description, string Cause, DateTimeOffset StartTime, string StatusCode, string? StatusMessage)
{
    private const string LaunchPrefix = "Launching a new EC2 instance";

    private static readonly Regex InstanceIdPattern = new(@"\bi-[0-9a-f]{8,17}\b", RegexOptions.CultureInvariant);

    /// <summary>A launch that failed, so no instance exists.</summary>
    public bool IsFailedLaunch => Description.StartsWith(LaunchPrefix, StringComparison.Ordinal) && StatusCode == "Failed";

    /// <summary>A launch that ended with an instance.</summary>
    public bool IsSuccessfulLaunch => Description.StartsWith(LaunchPrefix, StringComparison.Ordinal) && StatusCode == "Successful";

    /// <summary>The instance a successful launch started ("Launching a new EC2 instance: i-0abc"), when it names one.</summary>
    public string? InstanceId => InstanceIdPattern.Match(Description) is { Success: true } match ? match.Value : null;

    internal static ScalingActivity FromXml(XElement member) => new(
        member.RequiredText("ActivityId"),
        member.ChildText("Description") ?? "",
        member.RequiredText("Cause"),
        member.ChildTime("StartTime") ?? throw new FormatException("A scaling activity has no <StartTime>."),
        member.RequiredText("StatusCode"),
        member.ChildText("StatusMessage"));
}
