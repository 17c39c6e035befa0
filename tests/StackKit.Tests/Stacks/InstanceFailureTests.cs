using StackKit.Stacks;
using StackKit.Tests.FakeAws;
using Xunit.Abstractions;

namespace StackKit.Tests.Stacks;

/// <summary>
/// A create that cannot succeed is explained from the instances' side, in seconds rather than after the creation
/// policy's 15 minutes: Auto Scaling's reason for failed launches, or the failing step from an instance's console.
/// </summary>
public sealed class InstanceFailureTests(ITestOutputHelper output)
{
    private const string Group = "AutoScalingGroup";
    private const string GroupType = "AWS::AutoScaling::AutoScalingGroup";
    private const string GroupName = "autoscalinggroup-0001";
    private const string InstanceId = "i-0f3a9c2b7d41e5a60";

    private const string VcpuLimit =
        "You have requested more vCPU capacity than your current vCPU limit of 0 allows for the instance bucket that the specified instance type " +
        "belongs to. Please visit http://aws.amazon.com/contact-us/ec2-request to request an adjustment to this limit.";

    /// <summary>The console of an Amazon Linux 2023 instance whose user data could not pull the image (cloud-init prefixes each line).</summary>
    private const string PullDeniedConsole = """
        [    0.000000] Linux version 6.1.158-180.294.amzn2023.x86_64 (mockbuild@ip-10-0-48-219) (gcc (GCC) 11.5.0 20240719) #1 SMP PREEMPT_DYNAMIC
        [    3.114212] systemd[1]: Detected virtualization amazon.
        [   17.950183] cloud-init[1621]: Cloud-init v. 22.2.2 running 'modules:final' at Thu, 26 Nov 2026 09:03:12 +0000. Up 17.89 seconds.
        [   17.990411] cloud-init[1621]: stackkit: step 1/7: installing cfn-signal (aws-cfn-bootstrap)
        [   24.310055] cloud-init[1621]: Complete!
        [   24.320187] cloud-init[1621]: stackkit: step 2/7: installing Docker
        [   33.871120] cloud-init[1621]: Complete!
        [   33.880004] cloud-init[1621]: stackkit: step 3/7: starting Docker
        [   35.101772] cloud-init[1621]: Created symlink /etc/systemd/system/multi-user.target.wants/docker.service → /usr/lib/systemd/system/docker.service.
        [   35.130440] cloud-init[1621]: stackkit: step 4/7: preparing ec2-user's ~/.ssh and the service's settings
        [   35.140118] cloud-init[1621]: stackkit: step 5/7: pulling image stackkit/http-service:latest
        [   36.402995] cloud-init[1621]: Error response from daemon: pull access denied for stackkit/http-service, repository does not exist or may require 'docker login': denied: requested access to the resource is denied
        [   36.410223] cloud-init[1621]: stackkit: FAILED at step 5/7: pulling image stackkit/http-service:latest (exit code 1)
        [   37.992411] cloud-init[1621]: 2026-11-26 09:03:32,001 [DEBUG] cfn-signal called with args: ['/opt/aws/bin/cfn-signal', '--exit-code', '1']
        [   38.127806] cloud-init[1621]: Nov 26 09:03:32 cloud-init[1621]: util.py[WARNING]: Failed running /var/lib/cloud/instance/scripts/part-001 [1]
        """;

    private static ScriptedEvent At(double seconds, string logicalId, string type, string status, string? reason = null) =>
        new(TimeSpan.FromSeconds(seconds), logicalId, type, status, reason);

    private static readonly ScriptedEvent[] UpToTheGroup =
    [
        At(0, "svc", ScriptedEvent.StackType, "CREATE_IN_PROGRESS", "User Initiated"),
        At(2, "LaunchTemplate", "AWS::EC2::LaunchTemplate", "CREATE_IN_PROGRESS"),
        At(9, "LaunchTemplate", "AWS::EC2::LaunchTemplate", "CREATE_COMPLETE"),
        At(40, Group, GroupType, "CREATE_IN_PROGRESS"),
        At(41, Group, GroupType, "CREATE_IN_PROGRESS", "Resource creation Initiated"),
    ];

    [Fact]
    public async Task Launches_that_keep_failing_end_the_wait_within_a_minute_quoting_Auto_Scaling()
    {
        // Auto Scaling retries the launch with growing pauses, as it does for capacity and limit errors.
        await using var scenario = await Scenario.StartAsync(
            [At(941, Group, GroupType, "CREATE_FAILED", "Received 0 SUCCESS signals out of the 1 expected or the timeout period was exceeded"),
             At(942, "svc", ScriptedEvent.StackType, "ROLLBACK_IN_PROGRESS")],
            (instances, created) =>
            {
                foreach (var seconds in new[] { 45, 56, 76, 116, 196 })
                {
                    instances.FailedLaunch(created.AddSeconds(seconds), VcpuLimit);
                }
            });

        var failure = await Assert.ThrowsAsync<StackOperationException>(scenario.CreateAsync);

        var afterFirstFailedLaunch = scenario.Clock.GetUtcNow() - scenario.Instances.LaunchTimes[0];
        output.WriteLine($"failed {afterFirstFailedLaunch.TotalSeconds:0.0} s after the first failed launch, {scenario.Endpoint.Requests.Count} calls: {failure.Message}");
        Assert.InRange(afterFirstFailedLaunch, TimeSpan.Zero, TimeSpan.FromMinutes(1));
        Assert.Contains(VcpuLimit, failure.Message, StringComparison.Ordinal);
        Assert.Equal(new InstanceFailure(GroupName, null, VcpuLimit + " Launching EC2 instance failed.", []).ToString(), failure.InstanceFailure?.ToString());
        Assert.Equal("CREATE_IN_PROGRESS", failure.StackStatus.ToString());
        Assert.Contains("still creating stack 'svc'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("aws cloudformation delete-stack --stack-name svc", failure.NextStep, StringComparison.Ordinal);
        // Only the group was asked about, for deleted groups too, and nothing was changed or removed.
        Assert.All(scenario.Endpoint.Requests.Where(r => r.Action == "DescribeScalingActivities"), r =>
            Assert.Equal((GroupName, "true"), (r["AutoScalingGroupName"], r["IncludeDeletedGroups"])));
        Assert.DoesNotContain(scenario.Endpoint.Requests, r => r.Action is "DeleteStack" or "UpdateStack");
    }

    [Fact]
    public async Task A_rolling_update_whose_launches_keep_failing_says_the_old_instances_serve_and_how_to_roll_back_not_to_delete()
    {
        var clock = new SteppingClock();
        var stack = new StackScript("svc", clock).Existing().On(
            "UpdateStack",
            At(0, "svc", ScriptedEvent.StackType, "UPDATE_IN_PROGRESS", "User Initiated"),
            At(5, Group, GroupType, "UPDATE_IN_PROGRESS", "Rolling update initiated. Terminating 0 obsolete instance(s) in batches of 1."));
        stack.Parameters["InstanceType"] = "t3.micro";
        var instances = new InstanceScript(clock, GroupName)
            .SuccessfulLaunch(clock.GetUtcNow().AddMinutes(-50), "i-0aaaaaaaaaaaaaaaa");
        stack.Fallback = instances.Respond;
        const string Unsupported = "The requested configuration is currently not supported. Please check the documentation for supported configurations.";
        await using var endpoint = await FakeAwsEndpoint.StartAsync(clock, request =>
        {
            if (request.Action == "UpdateStack")
            {
                instances.FailedLaunch(clock.GetUtcNow().AddSeconds(9), Unsupported).FailedLaunch(clock.GetUtcNow().AddSeconds(19), Unsupported);
            }
            return stack.Respond(request);
        });
        using var aws = endpoint.Connect(clock);

        var failure = await Assert.ThrowsAsync<StackOperationException>(() => clock.RunAsync(new StackLifecycle(aws, clock, new Random(3)).UpdateAsync(
            new UpdateStackRequest { StackName = "svc", Parameters = new Dictionary<string, string> { ["InstanceType"] = "p5.48xlarge" } })));

        Assert.Equal("UPDATE_IN_PROGRESS", failure.StackStatus.ToString());
        Assert.Contains(Unsupported, failure.Message, StringComparison.Ordinal);
        Assert.Contains("previous instances keep serving", failure.NextStep, StringComparison.Ordinal);
        Assert.Contains("aws cloudformation cancel-update-stack --stack-name svc", failure.NextStep, StringComparison.Ordinal);
        Assert.DoesNotContain("delete", failure.NextStep, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task One_failed_launch_followed_by_a_good_one_does_not_end_the_wait()
    {
        await using var scenario = await Scenario.StartAsync(
            [At(150, Group, GroupType, "CREATE_IN_PROGRESS", $"Received SUCCESS signal with UniqueId {InstanceId}"),
             At(151, Group, GroupType, "CREATE_COMPLETE"),
             At(153, "svc", ScriptedEvent.StackType, "CREATE_COMPLETE")],
            (instances, created) => instances
                .FailedLaunch(created.AddSeconds(45), "We currently do not have sufficient t3.micro capacity in the Availability Zone you requested (us-east-1a).")
                .SuccessfulLaunch(created.AddSeconds(56), InstanceId));

        var stack = await scenario.CreateAsync();

        Assert.Equal("CREATE_COMPLETE", stack.Status.ToString());
        Assert.Equal(0, scenario.Endpoint.Count("GetConsoleOutput"));
    }

    [Fact]
    public async Task An_instance_that_fails_to_boot_ends_the_wait_with_its_console_failing_line_and_its_id()
    {
        await using var scenario = await Scenario.StartAsync(
            [At(84, Group, GroupType, "CREATE_IN_PROGRESS", $"Received FAILURE signal with UniqueId {InstanceId}"),
             At(85, Group, GroupType, "CREATE_FAILED", "Received 1 FAILURE signal(s) out of 1.  Unable to satisfy 100% MinSuccessfulInstancesPercent requirement"),
             At(86, "svc", ScriptedEvent.StackType, "ROLLBACK_IN_PROGRESS", "The following resource(s) failed to create: [AutoScalingGroup]. Rollback requested by user."),
             At(400, "svc", ScriptedEvent.StackType, "ROLLBACK_COMPLETE")],
            (instances, created) => instances.SuccessfulLaunch(created.AddSeconds(45), InstanceId).Consoles[InstanceId] = PullDeniedConsole);

        var failure = await Assert.ThrowsAsync<StackOperationException>(scenario.CreateAsync);

        output.WriteLine(failure.Message);
        Assert.Equal(InstanceId, failure.InstanceFailure?.InstanceId);
        Assert.Equal(
            [
                "stackkit: step 5/7: pulling image stackkit/http-service:latest",
                "Error response from daemon: pull access denied for stackkit/http-service, repository does not exist or may require 'docker login': denied: requested access to the resource is denied",
                "stackkit: FAILED at step 5/7: pulling image stackkit/http-service:latest (exit code 1)",
            ],
            failure.InstanceFailure!.ConsoleLines);
        Assert.Contains($"instance {InstanceId}", failure.Message, StringComparison.Ordinal);
        Assert.Contains("stackkit: FAILED at step 5/7: pulling image stackkit/http-service:latest (exit code 1)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("pull access denied", failure.Message, StringComparison.Ordinal);
        // Read at once, while the instance still exists, not after the rollback.
        output.WriteLine($"ended {(scenario.Clock.GetUtcNow() - scenario.Stack.TimeOf("CREATE_IN_PROGRESS").AddSeconds(84)).TotalSeconds:0.0} s after the FAILURE signal");
        Assert.InRange(scenario.Clock.GetUtcNow() - scenario.Stack.TimeOf("CREATE_IN_PROGRESS").AddSeconds(84), TimeSpan.Zero, TimeSpan.FromSeconds(10));
        var read = scenario.Endpoint.Requests.Single(r => r.Action == "GetConsoleOutput");
        Assert.Equal((InstanceId, "true", "ec2", "us-east-1"), (read["InstanceId"], read["Latest"], read.Service, read.Region));
        Assert.Contains("remove it now (aws cloudformation delete-stack --stack-name svc)", failure.NextStep, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_console_that_may_not_be_read_still_names_the_instance_and_says_why_it_is_missing()
    {
        await using var scenario = await Scenario.StartAsync(
            [At(84, Group, GroupType, "CREATE_IN_PROGRESS", $"Received FAILURE signal with UniqueId {InstanceId}")],
            (instances, created) =>
            {
                instances.SuccessfulLaunch(created.AddSeconds(45), InstanceId);
                instances.ConsoleDenied = true;
            });

        var failure = await Assert.ThrowsAsync<StackOperationException>(scenario.CreateAsync);

        Assert.Equal(InstanceId, failure.InstanceFailure?.InstanceId);
        Assert.Empty(failure.InstanceFailure!.ConsoleLines);
        Assert.Contains($"instance {InstanceId} (Auto Scaling group {GroupName}) signalled that its boot failed; its console output could not be read", failure.Message, StringComparison.Ordinal);
        Assert.Contains("ec2:GetConsoleOutput", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cause_found_while_the_status_read_is_throttled_is_still_reported()
    {
        await using var scenario = await Scenario.StartAsync(
            [At(84, Group, GroupType, "CREATE_IN_PROGRESS", $"Received FAILURE signal with UniqueId {InstanceId}")],
            (instances, created) => instances.SuccessfulLaunch(created.AddSeconds(45), InstanceId).Consoles[InstanceId] = PullDeniedConsole);
        var throttled = 0;
        var respond = scenario.Endpoint.Respond;
        scenario.Endpoint.Respond = request =>
            request.Action == "DescribeStacks" && scenario.Endpoint.Count("GetConsoleOutput") > 0 && throttled++ < 5
                ? FakeAwsResponse.Throttling(request)
                : respond(request);

        var failure = await Assert.ThrowsAsync<StackOperationException>(() => scenario.CreateAsync(maxAttempts: 2));

        Assert.True(throttled >= 4, $"{throttled} throttled reads");
        Assert.Equal(InstanceId, failure.InstanceFailure?.InstanceId);
        Assert.Equal(1, scenario.Endpoint.Count("GetConsoleOutput"));
    }

    [Fact]
    public async Task An_instance_that_never_signalled_is_named_with_the_last_step_its_console_shows()
    {
        var stalled = string.Join('\n', PullDeniedConsole.Split('\n').Take(8)) + "\n[  912.000000] cloud-init[1621]: Loaded plugins: priorities, update-motd\n";
        await using var scenario = await Scenario.StartAsync(
            [At(941, Group, GroupType, "CREATE_FAILED", "Received 0 SUCCESS signals out of the 1 expected or the timeout period was exceeded"),
             At(942, "svc", ScriptedEvent.StackType, "ROLLBACK_IN_PROGRESS")],
            (instances, created) => instances.SuccessfulLaunch(created.AddSeconds(45), InstanceId).Consoles[InstanceId] = stalled);

        var failure = await Assert.ThrowsAsync<StackOperationException>(scenario.CreateAsync);

        output.WriteLine(failure.Message);
        Assert.Equal(InstanceId, failure.InstanceFailure?.InstanceId);
        Assert.Contains("never signalled", failure.Message, StringComparison.Ordinal);
        Assert.Contains("stackkit: step 3/7: starting Docker", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_boot_that_failed_before_it_could_signal_ends_the_wait_minutes_after_the_launch_not_at_the_timeout()
    {
        // No route to the package mirrors: cfn-signal is never installed, so the instance cannot even signal failure.
        const string NoMirror = """
            [   17.990411] cloud-init[1621]: stackkit: step 1/7: installing cfn-signal (aws-cfn-bootstrap)
            [   78.120033] cloud-init[1621]: Error: Failed to download metadata for repo 'amazonlinux': Cannot download repomd.xml: Curl error (28): Timeout was reached
            [   78.130112] cloud-init[1621]: stackkit: FAILED at step 1/7: installing cfn-signal (aws-cfn-bootstrap) (exit code 1)
            [   78.131020] cloud-init[1621]: /var/lib/cloud/instance/scripts/part-001: line 3: /opt/aws/bin/cfn-signal: No such file or directory
            """;
        await using var scenario = await Scenario.StartAsync(
            [At(941, Group, GroupType, "CREATE_FAILED", "Received 0 SUCCESS signals out of the 1 expected or the timeout period was exceeded"),
             At(942, "svc", ScriptedEvent.StackType, "ROLLBACK_IN_PROGRESS")],
            (instances, created) => instances.SuccessfulLaunch(created.AddSeconds(45), InstanceId).Consoles[InstanceId] = NoMirror);

        var failure = await Assert.ThrowsAsync<StackOperationException>(scenario.CreateAsync);

        var afterLaunch = scenario.Clock.GetUtcNow() - scenario.Instances.LaunchTimes[0];
        output.WriteLine($"failed {afterLaunch.TotalMinutes:0.0} min after the launch, {scenario.Endpoint.Count("GetConsoleOutput")} console reads: {failure.Message}");
        Assert.InRange(afterLaunch, TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(4.5));
        Assert.Equal(InstanceId, failure.InstanceFailure?.InstanceId);
        Assert.Equal("stackkit: FAILED at step 1/7: installing cfn-signal (aws-cfn-bootstrap) (exit code 1)", failure.InstanceFailure!.ConsoleLines[^1]);
        Assert.Equal("CREATE_IN_PROGRESS", failure.StackStatus.ToString());
        Assert.Equal(1, scenario.Endpoint.Count("GetConsoleOutput"));
    }

    /// <summary>A create of stack 'svc' up to its group, then <c>afterGroup</c>; the instances' side is scripted when CreateStack arrives.</summary>
    private sealed class Scenario : IAsyncDisposable
    {
        private Scenario(SteppingClock clock, StackScript stack, InstanceScript instances, FakeAwsEndpoint endpoint)
        {
            (Clock, Stack, Instances, Endpoint) = (clock, stack, instances, endpoint);
        }

        public SteppingClock Clock { get; }

        public StackScript Stack { get; }

        public InstanceScript Instances { get; }

        public FakeAwsEndpoint Endpoint { get; }


        public static async Task<Scenario> StartAsync(ScriptedEvent[] afterGroup, Action<InstanceScript, DateTimeOffset> onCreate)
        {
            var clock = new SteppingClock();
            var stack = new StackScript("svc", clock).On("CreateStack", [.. UpToTheGroup, .. afterGroup]);
            var instances = new InstanceScript(clock, GroupName);
            stack.Fallback = instances.Respond;
            var endpoint = await FakeAwsEndpoint.StartAsync(clock, request =>
            {
                if (request.Action == "CreateStack")
                {
                    onCreate(instances, clock.GetUtcNow());
                }
                return stack.Respond(request);
            });
            return new Scenario(clock, stack, instances, endpoint);
        }

        public Task<HttpServiceStack> CreateAsync() => CreateAsync(maxAttempts: 4);

        public async Task<HttpServiceStack> CreateAsync(int maxAttempts)
        {
            using var aws = Endpoint.Connect(Clock, maxAttempts);
            return await Clock.RunAsync(new StackLifecycle(aws, Clock, new Random(2)).CreateAsync(new CreateStackRequest { StackName = "svc", TemplateBody = "{}" }));
        }

        public ValueTask DisposeAsync() => Endpoint.DisposeAsync();
    }
}
