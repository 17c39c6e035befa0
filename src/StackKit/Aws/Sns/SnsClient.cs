namespace StackKit.Aws.Sns;

/// <summary>The SNS operation StackKit calls, mapped to and from the Query protocol (botocore's sns 2010-03-31 model).</summary>
internal sealed class SnsClient(QueryTransport transport)
{
    /// <summary>Every subscription of the topic, all pages (up to 100 a page).</summary>
    public async Task<IReadOnlyList<TopicSubscription>> ListSubscriptionsByTopicAsync(string topicArn, CancellationToken cancellationToken)
    {
        var subscriptions = new List<TopicSubscription>();
        string? nextToken = null;
        do
        {
            var request = new QueryRequest("ListSubscriptionsByTopic").Add("TopicArn", topicArn).Add("NextToken", nextToken);
            var result = await transport.SendAsync(AwsService.Sns, request, cancellationToken).ConfigureAwait(false);
            subscriptions.AddRange(result.Members("Subscriptions").Select(TopicSubscription.FromXml));
            nextToken = result.ChildText("NextToken");
        }
        while (!string.IsNullOrEmpty(nextToken));
        return subscriptions;
    }
}
