namespace StackKit;

/// <summary>Where the alarm e-mail's SNS subscription stands.</summary>
public enum NotificationSubscriptionState
{
    /// <summary>The address confirmed it: alarms reach it.</summary>
    Confirmed,

    /// <summary>
    /// SNS sent the confirmation e-mail and nobody has followed its link yet: no alarm reaches the address, and SNS
    /// deletes the subscription 48 hours after it was made if it stays unconfirmed.
    /// </summary>
    PendingConfirmation,

    /// <summary>The topic has no e-mail subscription: it expired unconfirmed or was deleted. No alarm reaches anyone.</summary>
    Missing,

    /// <summary>The subscription could not be read (no <c>sns:ListSubscriptionsByTopic</c> right, or no answer); <see cref="NotificationSubscription.Message"/> says why.</summary>
    Unknown,
}
