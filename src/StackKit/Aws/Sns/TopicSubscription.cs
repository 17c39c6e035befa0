using System.Xml.Linq;

namespace StackKit.Aws.Sns;

/// <summary>One subscription as <c>ListSubscriptionsByTopic</c> lists it.</summary>
/// <param name="SubscriptionArn">Its ARN once confirmed; the literal <c>PendingConfirmation</c> until then.</param>
/// <param name="Protocol">e.g. <c>email</c>.</param>
/// <param name="Endpoint">e.g. the e-mail address.</param>
internal sealed record TopicSubscription(string SubscriptionArn, string Protocol, string Endpoint)
{
    /// <summary>What SNS lists instead of an ARN for a subscription not confirmed yet.</summary>
    public const string PendingConfirmation = "PendingConfirmation";

    public bool IsPending => SubscriptionArn == PendingConfirmation;

    public static TopicSubscription FromXml(XElement member) =>
        new(member.ChildText("SubscriptionArn") ?? "", member.ChildText("Protocol") ?? "", member.ChildText("Endpoint") ?? "");
}
