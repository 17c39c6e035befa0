using System.Xml.Linq;
using StackKit.HttpService;
using StackKit.Stacks;
using StackKit.Tests.Aws;
using StackKit.Tests.FakeAws;

namespace StackKit.Tests.Stacks;

/// <summary>
/// Get says whether the alarm e-mail is confirmed, in SNS's own answers (moto confirms every subscription at once, so
/// the pending one is played by the scripted fake): a pending address with what to do, an expired one, and a read
/// that is refused, which still gets the stack.
/// </summary>
public sealed class NotificationSubscriptionTests
{
    private const string TopicArn = "arn:aws:sns:us-east-1:123456789012:svc-AlarmTopic-5JQ2ZTZ0WXYZ";

    private static StackScript ServiceWithAlarms(SteppingClock clock)
    {
        var stack = new StackScript("svc", clock).Existing();
        stack.Parameters[Notifications.Backend5xxThresholdParameter] = "10";
        stack.Resources.Add((Notifications.TopicLogicalId, "AWS::SNS::Topic", TopicArn, "CREATE_COMPLETE", null));
        stack.Resources.Add(("AlarmEmail", "AWS::SNS::Subscription", TopicArn + ":0b6c1a52-4a43-4b4e-9c3e-0c1f2b7a9d11", "CREATE_COMPLETE", null));
        return stack;
    }

    /// <summary>A ListSubscriptionsByTopic member as SNS sends it.</summary>
    private static object[] Subscription(string subscriptionArn, string protocol, string endpoint) =>
    [
        new XElement("TopicArn", TopicArn), new XElement("Protocol", protocol), new XElement("SubscriptionArn", subscriptionArn),
        new XElement("Owner", "123456789012"), new XElement("Endpoint", endpoint),
    ];

    [Fact]
    public async Task A_pending_e_mail_is_reported_with_its_address_and_what_to_do_across_pages()
    {
        var clock = new SteppingClock();
        var stack = ServiceWithAlarms(clock);
        stack.Fallback = request => (request.Action, request["TopicArn"], request["NextToken"]) switch
        {
            // SNS pages its answer: a confirmed hook on the first page, the stack's pending address on the second.
            ("ListSubscriptionsByTopic", TopicArn, null) => FakeAwsResponse.Result(request,
                FakeAwsResponse.Members("Subscriptions", [Subscription(TopicArn + ":11111111-2222-3333-4444-555555555555", "https", "https://hooks.example.com/alarm")]),
                new XElement("NextToken", "page-2")),
            ("ListSubscriptionsByTopic", TopicArn, "page-2") => FakeAwsResponse.Result(request,
                FakeAwsResponse.Members("Subscriptions", [Subscription("PendingConfirmation", "email", "ops@example.com")])),
            _ => FakeAwsResponse.Error(request, 400, "InvalidAction", request.Action),
        };
        await using var endpoint = await FakeAwsEndpoint.StartAsync(clock, stack.Respond);
        using var aws = endpoint.Connect(clock);

        var got = await new HttpServiceStacks(new StackLifecycle(aws, clock)).GetAsync("svc");

        var subscription = got.NotificationSubscription!;
        Assert.Equal((TopicArn, "ops@example.com", NotificationSubscriptionState.PendingConfirmation), (subscription.TopicArn, subscription.Endpoint, subscription.State));
        Assert.Equal(
            "Stack svc: the alarm e-mail to ops@example.com is not confirmed yet, so no alarm reaches it. Open the e-mail \"AWS Notification - Subscription Confirmation\" " +
            "in that inbox (check the spam folder) and follow its link. SNS deletes an unconfirmed subscription 48 hours after it was made; after that, subscribe again " +
            $"(aws sns subscribe --topic-arn {TopicArn} --protocol email --notification-endpoint ops@example.com).",
            subscription.Message);
        Assert.All(endpoint.Requests.Where(r => r.Action == "ListSubscriptionsByTopic"), r => Assert.Equal(("sns", "2010-03-31"), (r.Service, r["Version"])));
        Assert.Equal(2, endpoint.Count("ListSubscriptionsByTopic"));
        BotocoreModelTests.AssertFollowsModels(endpoint.Requests.Where(r => r.Service == "sns"));
    }

    [Fact]
    public async Task A_topic_without_an_e_mail_subscription_is_reported_missing_with_how_to_subscribe_again()
    {
        var clock = new SteppingClock();
        var stack = ServiceWithAlarms(clock);
        stack.Fallback = request => request.Action == "ListSubscriptionsByTopic"
            ? FakeAwsResponse.Result(request, FakeAwsResponse.Members("Subscriptions", []))
            : FakeAwsResponse.Error(request, 400, "InvalidAction", request.Action);
        await using var endpoint = await FakeAwsEndpoint.StartAsync(clock, stack.Respond);
        using var aws = endpoint.Connect(clock);

        var subscription = (await new HttpServiceStacks(new StackLifecycle(aws, clock)).GetAsync("svc")).NotificationSubscription!;

        Assert.Equal((NotificationSubscriptionState.Missing, null), (subscription.State, subscription.Endpoint));
        Assert.Contains("it expired unconfirmed (SNS deletes one 48 hours after it was made) or was deleted", subscription.Message, StringComparison.Ordinal);
        Assert.Contains($"aws sns subscribe --topic-arn {TopicArn} --protocol email --notification-endpoint ADDRESS", subscription.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_read_still_gets_the_stack_and_says_which_right_is_missing()
    {
        var clock = new SteppingClock();
        var stack = ServiceWithAlarms(clock);
        stack.Fallback = request => request.Action == "ListSubscriptionsByTopic"
            ? FakeAwsResponse.Error(request, 403, "AuthorizationError", "User: arn:aws:iam::123456789012:user/ci is not authorized to perform: SNS:ListSubscriptionsByTopic")
            : FakeAwsResponse.Error(request, 400, "InvalidAction", request.Action);
        await using var endpoint = await FakeAwsEndpoint.StartAsync(clock, stack.Respond);
        using var aws = endpoint.Connect(clock);

        var got = await new HttpServiceStacks(new StackLifecycle(aws, clock)).GetAsync("svc");

        Assert.Equal("svc", got.Name);
        Assert.Equal(NotificationSubscriptionState.Unknown, got.NotificationSubscription!.State);
        Assert.Contains("(AuthorizationError: User: arn:aws:iam::123456789012:user/ci is not authorized to perform: SNS:ListSubscriptionsByTopic)", got.NotificationSubscription.Message, StringComparison.Ordinal);
        Assert.Contains("sns:ListSubscriptionsByTopic", got.NotificationSubscription.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stack_without_alarm_e_mail_costs_no_call_for_it()
    {
        var clock = new SteppingClock();
        var stack = new StackScript("svc", clock).Existing();
        await using var endpoint = await FakeAwsEndpoint.StartAsync(clock, stack.Respond);
        using var aws = endpoint.Connect(clock);

        var got = await new HttpServiceStacks(new StackLifecycle(aws, clock)).GetAsync("svc");

        Assert.Null(got.NotificationSubscription);
        Assert.Equal(0, endpoint.Count("ListSubscriptionsByTopic"));
    }

    [Fact]
    public async Task A_listing_reads_no_subscription()
    {
        var clock = new SteppingClock();
        var stack = ServiceWithAlarms(clock);
        await using var endpoint = await FakeAwsEndpoint.StartAsync(clock, stack.Respond);
        using var aws = endpoint.Connect(clock);

        var listed = Assert.Single(await new HttpServiceStacks(new StackLifecycle(aws, clock)).ListAsync());

        Assert.Null(listed.NotificationSubscription);
        Assert.Equal(0, endpoint.Count("ListSubscriptionsByTopic"));
    }
}
