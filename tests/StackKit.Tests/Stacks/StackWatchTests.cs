using StackKit.Stacks;
using StackKit.Tests.FakeAws;
using Xunit.Abstractions;

namespace StackKit.Tests.Stacks;

/// <summary>Waiting for stack operations that unfold over (fake) minutes, against the scripted endpoint.</summary>
public sealed class StackWatchTests(ITestOutputHelper output)
{
    private static readonly ScriptedEvent[] FiveMinuteCreate =
    [
        new(TimeSpan.Zero, "svc", ScriptedEvent.StackType, "CREATE_IN_PROGRESS", "User Initiated"),
        new(TimeSpan.FromSeconds(2), "Vpc", "AWS::EC2::VPC", "CREATE_IN_PROGRESS"),
        new(TimeSpan.FromSeconds(15), "Vpc", "AWS::EC2::VPC", "CREATE_COMPLETE"),
        new(TimeSpan.FromSeconds(16), "Subnet", "AWS::EC2::Subnet", "CREATE_IN_PROGRESS"),
        new(TimeSpan.FromSeconds(16), "LaunchTemplate", "AWS::EC2::LaunchTemplate", "CREATE_IN_PROGRESS"),
        new(TimeSpan.FromSeconds(24), "Subnet", "AWS::EC2::Subnet", "CREATE_COMPLETE"),
        new(TimeSpan.FromSeconds(25), "LaunchTemplate", "AWS::EC2::LaunchTemplate", "CREATE_COMPLETE"),
        new(TimeSpan.FromSeconds(26), "LoadBalancer", "AWS::ElasticLoadBalancing::LoadBalancer", "CREATE_IN_PROGRESS"),
        new(TimeSpan.FromSeconds(160), "LoadBalancer", "AWS::ElasticLoadBalancing::LoadBalancer", "CREATE_COMPLETE"),
        new(TimeSpan.FromSeconds(161), "Group", "AWS::AutoScaling::AutoScalingGroup", "CREATE_IN_PROGRESS"),
        new(TimeSpan.FromSeconds(297), "Group", "AWS::AutoScaling::AutoScalingGroup", "CREATE_COMPLETE"),
        new(TimeSpan.FromSeconds(300), "svc", ScriptedEvent.StackType, "CREATE_COMPLETE"),
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task A_five_minute_create_reports_every_event_within_5_s_and_stays_within_100_calls(int seed)
    {
        var clock = new SteppingClock();
        var stack = new StackScript("svc", clock).On("CreateStack", FiveMinuteCreate);
        stack.Outputs["URL"] = "http://svc-123.us-east-1.elb.amazonaws.com/";
        var instances = new InstanceScript(clock, "group-0001");
        stack.Fallback = instances.Respond;
        await using var endpoint = await FakeAwsEndpoint.StartAsync(clock, request =>
        {
            if (request.Action == "CreateStack")
            {
                instances.SuccessfulLaunch(clock.GetUtcNow().AddSeconds(166), "i-0a1b2c3d4e5f60718");
            }
            return stack.Respond(request);
        });
        using var aws = endpoint.Connect(clock);
        var progress = new RecordingProgress<StackProgress>(clock);

        var created = await clock.RunAsync(new StackLifecycle(aws, clock, new Random(seed)).CreateAsync(
            new CreateStackRequest { StackName = "svc", TemplateBody = "{}", Parameters = new Dictionary<string, string> { ["DockerImage"] = "web:1" } },
            progress));

        Assert.Equal("CREATE_COMPLETE", created.Status.ToString());
        Assert.Equal("http://svc-123.us-east-1.elb.amazonaws.com/", created.Url?.OriginalString);
        Assert.Equal(
            FiveMinuteCreate.Select(e => $"{e.LogicalResourceId} {e.ResourceStatus}"),
            progress.Reports.Select(r => $"{r.Value.LogicalResourceId} {r.Value.Status.Value}"));
        var createdAt = stack.CreatedAt!.Value;
        var lags = progress.Reports.Select(r => r.At - (createdAt + FiveMinuteCreate.First(
            e => e.LogicalResourceId == r.Value.LogicalResourceId && e.ResourceStatus == r.Value.Status.Value).At)).ToList();
        Assert.All(lags, lag => Assert.InRange(lag, TimeSpan.Zero, TimeSpan.FromSeconds(5)));
        var detection = clock.GetUtcNow() - stack.TimeOf("CREATE_COMPLETE");
        Assert.InRange(detection, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.InRange(endpoint.Requests.Count, 60, 100);
        var activities = endpoint.Requests.Where(r => r.Action == "DescribeScalingActivities").ToList();
        output.WriteLine(
            $"seed {seed}: {endpoint.Requests.Count} API calls ({endpoint.Count("DescribeStackEvents")} DescribeStackEvents, {activities.Count} DescribeScalingActivities), " +
            $"completion noticed after {detection.TotalSeconds:0.00} s, events reported after {lags.Average(l => l.TotalSeconds):0.00} s on average, {lags.Max().TotalSeconds:0.00} s at most");
        // One to confirm the end, plus one for each 90 s without a new event (the two long waits of this create).
        Assert.Equal(3, endpoint.Count("DescribeStacks"));
        // Activities are read only while the group is being created, at most every 12 s: a third of the event polls.
        var (groupStarted, groupDone) = (createdAt.AddSeconds(161), createdAt.AddSeconds(297 + 5));
        Assert.All(activities, r => Assert.InRange(r.ReceivedAt, groupStarted, groupDone));
        Assert.InRange(activities.Count, 8, 12);
        var eventPollsMeanwhile = endpoint.Requests.Count(r => r.Action == "DescribeStackEvents" && r.ReceivedAt >= groupStarted && r.ReceivedAt <= groupDone);
        Assert.True(activities.Count * 2 < eventPollsMeanwhile, $"{activities.Count} activity reads for {eventPollsMeanwhile} event polls");
        Assert.Equal(0, endpoint.Count("GetConsoleOutput"));
    }

    [Fact]
    public async Task Polling_starts_quick_then_settles_to_a_jittered_steady_pace()
    {
        var clock = new SteppingClock();
        var stack = new StackScript("svc", clock).On("CreateStack", FiveMinuteCreate);
        await using var endpoint = await FakeAwsEndpoint.StartAsync(clock, stack.Respond);
        using var aws = endpoint.Connect(clock);

        await clock.RunAsync(new StackLifecycle(aws, clock, new Random(5)).CreateAsync(new CreateStackRequest { StackName = "svc", TemplateBody = "{}" }));

        Assert.True(clock.Waits[0] < TimeSpan.FromSeconds(1.5), $"first poll after {clock.Waits[0]}");
        var steady = clock.Waits.Skip(3).ToList();
        Assert.All(steady, wait => Assert.InRange(wait, TimeSpan.FromSeconds(3.7), TimeSpan.FromSeconds(4.8)));
        Assert.True(steady.Distinct().Count() > steady.Count / 2, "steady waits should be jittered, not identical");
    }

    [Fact]
    public async Task Throttled_polls_are_absorbed_and_the_wait_still_ends()
    {
        var clock = new SteppingClock();
        var stack = new StackScript("svc", clock).On("CreateStack", FiveMinuteCreate);
        var throttledCalls = 0;
        await using var endpoint = await FakeAwsEndpoint.StartAsync(clock, request =>
        {
            // From one to two minutes in, every poll is throttled, more often than the transport retries.
            var elapsed = stack.CreatedAt is { } at ? request.ReceivedAt - at : TimeSpan.Zero;
            if (request.Action == "DescribeStackEvents" && elapsed > TimeSpan.FromMinutes(1) && elapsed < TimeSpan.FromMinutes(2))
            {
                throttledCalls++;
                return FakeAwsResponse.Throttling(request);
            }
            return stack.Respond(request);
        });
        using var aws = endpoint.Connect(clock, maxAttempts: 2);
        var progress = new RecordingProgress<StackProgress>(clock);

        var created = await clock.RunAsync(new StackLifecycle(aws, clock, new Random(3)).CreateAsync(new CreateStackRequest { StackName = "svc", TemplateBody = "{}" }, progress));

        Assert.Equal("CREATE_COMPLETE", created.Status.ToString());
        Assert.True(throttledCalls > 2, $"only {throttledCalls} throttled calls");
        Assert.Equal(FiveMinuteCreate.Length, progress.Reports.Count);
    }

    [Fact]
    public async Task A_throttled_confirmation_of_the_end_is_retried_at_the_next_poll()
    {
        var clock = new SteppingClock();
        var stack = new StackScript("svc", clock).On("CreateStack", FiveMinuteCreate);
        var refusedConfirmations = 0;
        await using var endpoint = await FakeAwsEndpoint.StartAsync(clock, request =>
        {
            // Only the confirmations of the end are refused, not the checks made during long quiet spells.
            var ended = stack.CreatedAt is { } createdAt && clock.GetUtcNow() >= createdAt + FiveMinuteCreate[^1].At;
            if (request.Action == "DescribeStacks" && ended && refusedConfirmations < 3)
            {
                refusedConfirmations++;
                return FakeAwsResponse.Throttling(request);
            }
            return stack.Respond(request);
        });
        using var aws = endpoint.Connect(clock, maxAttempts: 1);

        var created = await clock.RunAsync(new StackLifecycle(aws, clock, new Random(4)).CreateAsync(new CreateStackRequest { StackName = "svc", TemplateBody = "{}" }));

        Assert.Equal("CREATE_COMPLETE", created.Status.ToString());
        Assert.Equal(2 + 4, endpoint.Count("DescribeStacks"));
        Assert.InRange(clock.GetUtcNow() - stack.TimeOf("CREATE_COMPLETE"), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Events_beyond_one_page_are_all_reported_once_in_order()
    {
        var clock = new SteppingClock();
        ScriptedEvent[] burst =
        [
            new(TimeSpan.Zero, "svc", ScriptedEvent.StackType, "CREATE_IN_PROGRESS", "User Initiated"),
            .. Enumerable.Range(1, 150).Select(i => new ScriptedEvent(TimeSpan.FromMilliseconds(500 + i), $"Queue{i}", "AWS::SQS::Queue", "CREATE_COMPLETE")),
            .. Enumerable.Range(1, 30).Select(i => new ScriptedEvent(TimeSpan.FromSeconds(4) + TimeSpan.FromMilliseconds(i), $"Topic{i}", "AWS::SNS::Topic", "CREATE_COMPLETE")),
            new(TimeSpan.FromSeconds(5), "svc", ScriptedEvent.StackType, "CREATE_COMPLETE"),
        ];
        var stack = new StackScript("svc", clock).On("CreateStack", burst);
        await using var endpoint = await FakeAwsEndpoint.StartAsync(clock, stack.Respond);
        using var aws = endpoint.Connect(clock);
        var progress = new RecordingProgress<StackProgress>(clock);

        await clock.RunAsync(new StackLifecycle(aws, clock, new Random(9)).CreateAsync(new CreateStackRequest { StackName = "svc", TemplateBody = "{}" }, progress));

        Assert.Equal(burst.Select(e => e.LogicalResourceId), progress.Reports.Select(r => r.Value.LogicalResourceId));
        Assert.Contains(endpoint.Requests, r => r.Action == "DescribeStackEvents" && r["NextToken"] is not null);
    }

    [Fact]
    public async Task Cancelling_stops_the_wait_leaves_the_stack_alone_and_says_how_to_resume()
    {
        var clock = new SteppingClock();
        var stack = new StackScript("svc", clock).On("CreateStack", FiveMinuteCreate);
        await using var endpoint = await FakeAwsEndpoint.StartAsync(clock, stack.Respond);
        using var aws = endpoint.Connect(clock);
        using var cancel = new CancellationTokenSource();
        var progress = new RecordingProgress<StackProgress>(clock);
        var lifecycle = new StackLifecycle(aws, clock, new Random(1));

        var create = lifecycle.CreateAsync(
            new CreateStackRequest { StackName = "svc", TemplateBody = "{}" },
            new CancelAfter(progress, cancel, afterReports: 4),
            cancel.Token);
        var canceled = await Assert.ThrowsAsync<StackWatchCanceledException>(() => clock.RunAsync(create));

        Assert.Equal("svc", canceled.StackName);
        Assert.Equal("CREATE_IN_PROGRESS", canceled.LastStatus.ToString());
        Assert.Contains("watch it again", canceled.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Async", canceled.Message, StringComparison.Ordinal);
        Assert.IsType<OperationCanceledException>(canceled.InnerException);
        Assert.DoesNotContain(endpoint.Requests, r => r.Action is "DeleteStack" or "UpdateStack");

        // Resuming reports only what happens from then on and ends with the stack.
        var resumed = await clock.RunAsync(lifecycle.WatchAsync("svc", progress));
        Assert.Equal("CREATE_COMPLETE", resumed.Status.ToString());
        Assert.Equal("svc CREATE_COMPLETE", $"{progress.Reports[^1].Value.LogicalResourceId} {progress.Reports[^1].Value.Status.Value}");
        Assert.Equal(progress.Reports.Count, progress.Reports.Select(r => (r.Value.LogicalResourceId, r.Value.Status, r.Value.Timestamp)).Distinct().Count());
    }

    [Fact]
    public async Task A_wait_whose_polls_keep_failing_gives_up_after_two_minutes_with_the_last_error()
    {
        var clock = new SteppingClock();
        var stack = new StackScript("svc", clock).On("CreateStack", FiveMinuteCreate);
        await using var endpoint = await FakeAwsEndpoint.StartAsync(clock, request =>
            request.Action == "DescribeStackEvents" && stack.CreatedAt is { } at && clock.GetUtcNow() > at.AddSeconds(20)
                ? FakeAwsResponse.Html(503)
                : stack.Respond(request));
        using var aws = endpoint.Connect(clock, maxAttempts: 1);

        var failure = await Assert.ThrowsAsync<StackWatchFailedException>(() => clock.RunAsync(
            new StackLifecycle(aws, clock, new Random(1)).CreateAsync(new CreateStackRequest { StackName = "svc", TemplateBody = "{}" })));

        // The user learns the stack exists, its name, and why watching stopped.
        Assert.Equal(("svc", stack.Id), (failure.StackName, failure.StackId));
        Assert.StartsWith("Stack 'svc' in us-east-1 exists and CloudFormation carries on", failure.Message, StringComparison.Ordinal);
        var error = Assert.IsType<StackKit.AwsServiceException>(failure.InnerException);
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, error.StatusCode);
        var gaveUpAfter = clock.GetUtcNow() - stack.CreatedAt!.Value.AddSeconds(20);
        Assert.InRange(gaveUpAfter, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(2.2));
    }

    [Fact]
    public async Task An_end_whose_event_was_already_seen_is_still_noticed()
    {
        // The stack finished, but DescribeStacks lags its events once (eventual consistency): resuming the watch sees
        // CREATE_IN_PROGRESS while the newest event, taken as already seen, is the end. No new event will ever come.
        var clock = new SteppingClock();
        var stack = new StackScript("svc", clock).Existing("CREATE_COMPLETE");
        var lagging = 1;
        await using var endpoint = await FakeAwsEndpoint.StartAsync(clock, request =>
        {
            var response = stack.Respond(request);
            return request.Action == "DescribeStacks" && Interlocked.Decrement(ref lagging) >= 0
                ? response with { Body = response.Body!.Replace("CREATE_COMPLETE</StackStatus>", "CREATE_IN_PROGRESS</StackStatus>", StringComparison.Ordinal) }
                : response;
        });
        using var aws = endpoint.Connect(clock);

        var watched = await clock.RunAsync(new StackLifecycle(aws, clock, new Random(1)).WatchAsync("svc"));

        Assert.Equal("CREATE_COMPLETE", watched.Status.ToString());
        Assert.InRange(endpoint.Count("DescribeStackEvents"), 1, 40);
    }

    /// <summary>Cancels the token once enough progress arrived, like a user pressing Ctrl+C mid-create.</summary>
    private sealed class CancelAfter(IProgress<StackProgress> inner, CancellationTokenSource cancel, int afterReports) : IProgress<StackProgress>
    {
        private int _reports;

        public void Report(StackProgress value)
        {
            inner.Report(value);
            if (++_reports == afterReports)
            {
                cancel.Cancel();
            }
        }
    }
}
