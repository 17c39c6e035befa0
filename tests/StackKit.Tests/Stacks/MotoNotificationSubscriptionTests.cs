using StackKit.Tests.Moto;
using StackKit.Tests.Preflight;

namespace StackKit.Tests.Stacks;

/// <summary>
/// The alarm e-mail's subscription read from moto's SNS through the facade: moto creates the topic but not the
/// template's subscription (so a new stack's topic has none, as after SNS deleted an unconfirmed one), and a
/// subscription made with the aws CLI is confirmed at once.
/// </summary>
[Collection(UsesMoto.Name)]
public sealed class MotoNotificationSubscriptionTests(MotoServer moto) : PreflightOnMotoTests(moto)
{
    [Fact]
    public async Task New_reports_a_topic_without_its_e_mail_and_Get_a_confirmed_one_once_it_is_subscribed()
    {
        var created = await Moto.CreateAsync(new(), "alarmed", template: new HttpServiceOptions { NotificationEmail = "ops@example.com" });

        var missing = created.NotificationSubscription!;
        Assert.Equal(NotificationSubscriptionState.Missing, missing.State);
        Assert.StartsWith("arn:aws:sns:us-east-1:123456789012:", missing.TopicArn, StringComparison.Ordinal);

        await Moto.AwsAsync("sns", "subscribe", "--topic-arn", missing.TopicArn, "--protocol", "email", "--notification-endpoint", "ops@example.com");
        var confirmed = (await Moto.Service.GetAsync("alarmed")).NotificationSubscription!;

        Assert.Equal((NotificationSubscriptionState.Confirmed, "ops@example.com"), (confirmed.State, confirmed.Endpoint));
        Assert.Equal("Stack alarmed: alarms e-mail ops@example.com (subscription confirmed).", confirmed.Message);
    }

    [Fact]
    public async Task A_stack_without_alarm_e_mail_has_no_subscription_to_report()
    {
        await Moto.CreateAsync(new(), "quiet");

        Assert.Null((await Moto.Service.GetAsync("quiet")).NotificationSubscription);
    }
}
