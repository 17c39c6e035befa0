using System.Net.Http.Headers;
using System.Text.Json;
using System.Xml.Linq;
using StackKit.Stacks;
using StackKit.Tests.Aws;
using StackKit.Tests.FakeAws;
using StackKit.Tests.Moto;

namespace StackKit.Tests.Stacks;

/// <summary>A watched roll-out: the update carries the stack's health alarms as rollback triggers, and a rollback one of them caused explains itself.</summary>
public sealed class RollbackTriggerTests
{
    private const string Backend5xxName = "svc-Backend5xxAlarm-1Q2W3E4R5T6Y";
    private const string Backend5xxArn = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:" + Backend5xxName;

    private static ScriptedEvent At(double seconds, string logicalId, string type, string status, string? reason = null) =>
        new(TimeSpan.FromSeconds(seconds), logicalId, type, status, reason);

    [Fact]
    public async Task An_update_rolled_back_by_an_alarm_names_the_alarm_the_image_serving_again_and_the_log_command()
    {
        var clock = new SteppingClock();
        var stack = new StackScript("svc", clock).Existing().On(
            "UpdateStack",
            At(0, "svc", ScriptedEvent.StackType, "UPDATE_IN_PROGRESS", "User Initiated"),
            At(8, "LaunchTemplate", "AWS::EC2::LaunchTemplate", "UPDATE_COMPLETE"),
            At(9, "AutoScalingGroup", "AWS::AutoScaling::AutoScalingGroup", "UPDATE_IN_PROGRESS", "Rolling update initiated."),
            At(240, "AutoScalingGroup", "AWS::AutoScaling::AutoScalingGroup", "UPDATE_COMPLETE"),
            // The new version answers 5XX: during the monitoring time the alarm goes to ALARM and CloudFormation rolls back.
            At(420, "svc", ScriptedEvent.StackType, "UPDATE_ROLLBACK_IN_PROGRESS", $"Rollback triggered by CloudWatch alarm(s): {Backend5xxArn}"),
            At(700, "AutoScalingGroup", "AWS::AutoScaling::AutoScalingGroup", "UPDATE_COMPLETE"),
            At(720, "svc", ScriptedEvent.StackType, "UPDATE_ROLLBACK_COMPLETE"));
        stack.Parameters["DockerImage"] = "registry.example.test/web:1";
        stack.Resources.Add(("UnhealthyHostsAlarm", "AWS::CloudWatch::Alarm", "svc-UnhealthyHostsAlarm-9O8I7U6Y5T4R", "CREATE_COMPLETE", null));
        stack.Resources.Add(("Backend5xxAlarm", "AWS::CloudWatch::Alarm", Backend5xxName, "CREATE_COMPLETE", null));
        stack.Resources.Add(("AutoScalingGroup", "AWS::AutoScaling::AutoScalingGroup", "svc-AutoScalingGroup-1", "UPDATE_COMPLETE", null));
        await using var endpoint = await FakeAwsEndpoint.StartAsync(clock, stack.Respond);
        using var aws = endpoint.Connect(clock);
        var progress = new RecordingProgress<StackProgress>(clock);

        var failure = await Assert.ThrowsAsync<StackOperationException>(() => clock.RunAsync(new StackLifecycle(aws, clock, new Random(1)).UpdateAsync(
            new UpdateStackRequest { StackName = "svc", Parameters = new Dictionary<string, string> { ["DockerImage"] = "registry.example.test/web:2" }, MonitoringMinutes = 5 }, progress)));

        Assert.Equal("UPDATE_ROLLBACK_COMPLETE", failure.StackStatus.ToString());
        Assert.Equal(("Backend5xxAlarm", "AWS::CloudWatch::Alarm"), (failure.RootCause?.LogicalResourceId, failure.RootCause?.ResourceType));
        Assert.Contains($"Alarm {Backend5xxName} (Backend5xxAlarm) went to ALARM", failure.Message, StringComparison.Ordinal);
        Assert.Contains("registry.example.test/web:1 is serving again", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Get-HttpServiceLog -StackName svc -Since", failure.Message, StringComparison.Ordinal);
        // The wait says when the monitoring time begins, right after the servers' rolling update.
        var lines = progress.Reports.Select(r => r.Value.ToString()).ToList();
        var monitoring = Assert.Single(lines, l => l.Contains("watches", StringComparison.Ordinal));
        Assert.Contains($"watches svc-UnhealthyHostsAlarm-9O8I7U6Y5T4R and {Backend5xxName} for 5 minutes", monitoring, StringComparison.Ordinal);
        Assert.Equal(lines.FindIndex(l => l.Contains("AutoScalingGroup (AWS::AutoScaling::AutoScalingGroup) UPDATE_COMPLETE", StringComparison.Ordinal)) + 1, lines.IndexOf(monitoring));

        var update = Assert.Single(endpoint.Requests, r => r.Action == "UpdateStack");
        Assert.Equal("5", update["RollbackConfiguration.MonitoringTimeInMinutes"]);
        Assert.Equal(Backend5xxArn, update["RollbackConfiguration.RollbackTriggers.member.2.Arn"]);
        Assert.Equal("AWS::CloudWatch::Alarm", update["RollbackConfiguration.RollbackTriggers.member.2.Type"]);
        BotocoreModelTests.AssertFollowsModels([update]);
        // The real AWS CLI reads the rollback's event from the fake as botocore's shapes say.
        var (exitCode, stdout, stderr) = await MotoServer.RunAwsCliAsync(endpoint.Url, "cloudformation", "describe-stack-events", "--stack-name", "svc");
        Assert.True(exitCode == 0, stderr);
        var rollback = JsonDocument.Parse(stdout).RootElement.GetProperty("StackEvents").EnumerateArray()
            .First(e => e.GetProperty("ResourceStatus").GetString() == "UPDATE_ROLLBACK_IN_PROGRESS");
        Assert.Contains(Backend5xxArn, rollback.GetProperty("ResourceStatusReason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stack_without_health_alarms_is_updated_without_rollback_triggers()
    {
        var clock = new SteppingClock();
        var stack = new StackScript("svc", clock).Existing().On(
            "UpdateStack",
            At(0, "svc", ScriptedEvent.StackType, "UPDATE_IN_PROGRESS", "User Initiated"),
            At(30, "svc", ScriptedEvent.StackType, "UPDATE_COMPLETE"));
        stack.Parameters["DockerImage"] = "registry.example.test/web:1";
        stack.Resources.Add(("AutoScalingGroup", "AWS::AutoScaling::AutoScalingGroup", "svc-AutoScalingGroup-1", "UPDATE_COMPLETE", null));
        await using var endpoint = await FakeAwsEndpoint.StartAsync(clock, stack.Respond);
        using var aws = endpoint.Connect(clock);

        await clock.RunAsync(new StackLifecycle(aws, clock, new Random(1)).UpdateAsync(
            new UpdateStackRequest { StackName = "svc", Parameters = new Dictionary<string, string> { ["DockerImage"] = "registry.example.test/web:2" }, MonitoringMinutes = 5 }));

        // A trigger that does not exist would fail the update: none is sent.
        Assert.DoesNotContain(Assert.Single(endpoint.Requests, r => r.Action == "UpdateStack").Form.Keys, k => k.StartsWith("RollbackConfiguration", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_monitoring_time_out_of_CloudFormations_range_is_refused_before_any_call()
    {
        var clock = new SteppingClock();
        await using var endpoint = await FakeAwsEndpoint.StartAsync(clock, request => throw new InvalidOperationException($"{request.Action} was sent."));
        using var aws = endpoint.Connect(clock);

        var refused = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            new HttpServiceStacks(aws).UpdateAsync("svc", new HttpServiceStackUpdate { DockerImage = "registry.example.test/web:2", MonitoringMinutes = 181 }));

        Assert.Contains("0 to 180 minutes", refused.Message, StringComparison.Ordinal);
        Assert.Empty(endpoint.Requests);
    }
}

/// <summary>On moto, through a recording proxy: the update request itself carries the triggers and the monitoring time.</summary>
[Collection(UsesMoto.Name)]
public sealed class MotoRollbackTriggerTests(MotoServer moto) : IAsyncLifetime
{
    public Task InitializeAsync() => moto.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(null, "5")]
    [InlineData(12, "12")]
    public async Task An_image_update_is_sent_with_the_stacks_health_alarms_as_rollback_triggers(int? minutes, string sent)
    {
        var recorder = new Permissions.RecordingHandler();
        using var aws = moto.Connect(handler: new MotoListsAlarms { InnerHandler = recorder });
        var service = new HttpServiceStacks(aws);
        await service.CreateAsync(new HttpServiceStackRequest { StackName = "web", DockerImage = "registry.example.test/web:1", SkipPreflight = true });

        var update = new HttpServiceStackUpdate { DockerImage = "registry.example.test/web:2", SkipPreflight = true };
        var result = await service.UpdateAsync("web", minutes is { } m ? new HttpServiceStackUpdate { DockerImage = update.DockerImage, SkipPreflight = true, MonitoringMinutes = m } : update);

        Assert.Equal("registry.example.test/web:2", result.Stack.DockerImage);
        var form = Form(Assert.Single(recorder.Bodies, b => Form(b)["Action"] == "UpdateStack"));
        Assert.Equal(sent, form["RollbackConfiguration.MonitoringTimeInMinutes"]);
        Assert.Equal(
            [$"{MotoListsAlarms.ArnPrefix}web-UnhealthyHostsAlarm-{MotoListsAlarms.Suffix}", $"{MotoListsAlarms.ArnPrefix}web-Backend5xxAlarm-{MotoListsAlarms.Suffix}"],
            [form["RollbackConfiguration.RollbackTriggers.member.1.Arn"], form["RollbackConfiguration.RollbackTriggers.member.2.Arn"]]);
        Assert.All([form["RollbackConfiguration.RollbackTriggers.member.1.Type"], form["RollbackConfiguration.RollbackTriggers.member.2.Type"]],
            type => Assert.Equal("AWS::CloudWatch::Alarm", type));
    }

    // An undo runs while the alarm that made someone undo is in ALARM: a trigger would roll the way back, back.
    [Fact]
    public async Task An_undo_is_sent_without_rollback_triggers()
    {
        var recorder = new Permissions.RecordingHandler();
        using var aws = moto.Connect(handler: new MotoListsAlarms { InnerHandler = recorder });
        var service = new HttpServiceStacks(aws);
        await service.CreateAsync(new HttpServiceStackRequest { StackName = "web", DockerImage = "registry.example.test/web:1", SkipPreflight = true });
        await service.UpdateAsync("web", new HttpServiceStackUpdate { DockerImage = "registry.example.test/web:2", SkipPreflight = true });

        var undone = await service.UndoAsync(new HttpServiceUndoRequest { StackName = "web", SkipPreflight = true });

        Assert.Equal("registry.example.test/web:1", undone.Stack.DockerImage);
        var updates = recorder.Bodies.Select(Form).Where(form => form["Action"] == "UpdateStack").ToList();
        Assert.Equal(2, updates.Count);
        Assert.Contains("RollbackConfiguration.MonitoringTimeInMinutes", updates[0].Keys);
        Assert.DoesNotContain(updates[1].Keys, key => key.StartsWith("RollbackConfiguration", StringComparison.Ordinal));
    }

    private static Dictionary<string, string> Form(string body) =>
        body.Split('&').Select(pair => pair.Split('=', 2)).ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p.Length > 1 ? p[1].Replace('+', ' ') : ""));

    /// <summary>
    /// moto's CloudFormation creates no AWS::CloudWatch::Alarm and lists such resources without a logical id: this
    /// proxy adds the two health alarms to its DescribeStackResources answer, named as CloudFormation names them.
    /// </summary>
    private sealed class MotoListsAlarms : DelegatingHandler
    {
        public const string ArnPrefix = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:";
        public const string Suffix = "1A2B3C4D5E6F";

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            var response = await base.SendAsync(request, cancellationToken);
            if (!body.Contains("Action=DescribeStackResources", StringComparison.Ordinal) || !response.IsSuccessStatusCode)
            {
                return response;
            }
            var document = XDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var ns = document.Root!.Name.Namespace;
            var resources = document.Descendants(ns + "StackResources").Single();
            var stackName = resources.Descendants(ns + "StackName").First().Value;
            foreach (var logicalId in new[] { "UnhealthyHostsAlarm", "Backend5xxAlarm" })
            {
                resources.Add(new XElement(ns + "member",
                    new XElement(ns + "LogicalResourceId", logicalId),
                    new XElement(ns + "PhysicalResourceId", $"{stackName}-{logicalId}-{Suffix}"),
                    new XElement(ns + "ResourceType", "AWS::CloudWatch::Alarm"),
                    new XElement(ns + "ResourceStatus", "CREATE_COMPLETE")));
            }
            response.Content = new StringContent(document.ToString(), System.Text.Encoding.UTF8, new MediaTypeHeaderValue("text/xml"));
            return response;
        }
    }
}
