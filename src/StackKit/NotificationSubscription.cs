namespace StackKit;

/// <summary>The alarm e-mail's SNS subscription of a stack made with <see cref="HttpServiceOptions.NotificationEmail"/>, as SNS lists it now.</summary>
/// <param name="TopicArn">The stack's alarm topic.</param>
/// <param name="Endpoint">The e-mail address; null when the topic has none (<see cref="NotificationSubscriptionState.Missing"/>) or it could not be read.</param>
/// <param name="State">Whether alarms reach the address.</param>
/// <param name="Message">What the state means and, unless confirmed, what to do about it.</param>
public sealed record NotificationSubscription(string TopicArn, string? Endpoint, NotificationSubscriptionState State, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Message;
}
