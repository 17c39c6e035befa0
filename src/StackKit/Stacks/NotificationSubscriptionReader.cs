using StackKit.Aws.Sns;
using StackKit.HttpService;

namespace StackKit.Stacks;

/// <summary>
/// Reads where a stack's alarm e-mail subscription stands. SNS lists an unconfirmed subscription with the literal
/// SubscriptionArn <c>PendingConfirmation</c>, and deletes it 48 hours after it was made ("Amazon SNS now supports
/// automatic deletion of unconfirmed subscriptions once they have been in a pending confirmation state for 48 hours",
/// AWS What's New, 2023-05-10); from then on the topic lists none while the stack's subscription resource remains.
/// Two calls (the stack's resources, the topic's subscriptions); none for a stack without the health alarms, one for a stack with them but no topic.
/// </summary>
internal sealed class NotificationSubscriptionReader(AwsConnection aws)
{
    private const string EmailProtocol = "email";

    /// <summary>The subscription, or null when the stack has no alarm topic (yet).</summary>
    public async Task<NotificationSubscription?> ReadAsync(HttpServiceStack stack, CancellationToken cancellationToken)
    {
        // Only a template with the health alarms (RollbackAlarms or NotificationEmail) has the threshold parameter:
        // other stacks cost no call. One with the alarms but no e-mail costs the resources' read, which finds no topic.
        if (!stack.Parameters.ContainsKey(Notifications.Backend5xxThresholdParameter))
        {
            return null;
        }
        string? topicArn = null;
        try
        {
            var resources = await aws.CloudFormation.DescribeStackResourcesAsync(stack.StackId, cancellationToken).ConfigureAwait(false);
            topicArn = resources.FirstOrDefault(r => r.LogicalResourceId == Notifications.TopicLogicalId)?.PhysicalResourceId;
            if (string.IsNullOrEmpty(topicArn))
            {
                return null;
            }
            var emails = (await aws.Sns.ListSubscriptionsByTopicAsync(topicArn!, cancellationToken).ConfigureAwait(false))
                .Where(s => s.Protocol == EmailProtocol).ToList();
            return Describe(stack.Name, topicArn!, emails);
        }
        catch (AwsServiceException error)
        {
            return new NotificationSubscription(topicArn ?? "", null, NotificationSubscriptionState.Unknown,
                $"Stack {stack.Name}: could not read whether the alarm e-mail subscription is confirmed ({error.ErrorCode}: {error.ErrorMessage}). " +
                "Reading it needs cloudformation:DescribeStackResources and sns:ListSubscriptionsByTopic on the stack's alarm topic.");
        }
    }

    // A pending address is reported first: an extra address confirmed by hand does not hide it.
    private static NotificationSubscription Describe(string stackName, string topicArn, List<TopicSubscription> emails)
    {
        var resubscribe = $"aws sns subscribe --topic-arn {topicArn} --protocol email --notification-endpoint";
        if (emails.FirstOrDefault(s => s.IsPending) is { } pending)
        {
            return new NotificationSubscription(topicArn, pending.Endpoint, NotificationSubscriptionState.PendingConfirmation,
                $"Stack {stackName}: the alarm e-mail to {pending.Endpoint} is not confirmed yet, so no alarm reaches it. Open the e-mail " +
                "\"AWS Notification - Subscription Confirmation\" in that inbox (check the spam folder) and follow its link. SNS deletes an " +
                $"unconfirmed subscription 48 hours after it was made; after that, subscribe again ({resubscribe} {pending.Endpoint}).");
        }
        if (emails.FirstOrDefault() is { } confirmed)
        {
            return new NotificationSubscription(topicArn, confirmed.Endpoint, NotificationSubscriptionState.Confirmed,
                $"Stack {stackName}: alarms e-mail {confirmed.Endpoint} (subscription confirmed).");
        }
        return new NotificationSubscription(topicArn, null, NotificationSubscriptionState.Missing,
            $"Stack {stackName}: the alarm topic has no e-mail subscription, so no alarm reaches anyone: it expired unconfirmed (SNS deletes " +
            $"one 48 hours after it was made) or was deleted. Subscribe the address again ({resubscribe} ADDRESS) and confirm the e-mail that follows.");
    }
}
