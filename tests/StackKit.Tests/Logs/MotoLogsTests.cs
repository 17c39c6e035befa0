using System.Text.Json;
using StackKit.Stacks;
using StackKit.Logs;
using StackKit.Tests.Moto;

namespace StackKit.Tests.Logs;

/// <summary>The service's logs on moto: events the instances' containers wrote to the stack's log group are shown and followed.</summary>
[Collection(UsesMoto.Name)]
public sealed class MotoLogsTests(MotoServer moto) : ServiceOnMoto(moto)
{
    private static readonly DateTimeOffset Start = DateTimeOffset.UtcNow.AddMinutes(-5);

    [Fact]
    public async Task Events_of_every_instance_are_shown_interleaved_by_time_each_with_its_instance()
    {
        var group = await CreateStackWithLogsAsync("logged");
        await PutAsync(group, "i-0aaaaaaaaaaaaaaa1", (Start.AddSeconds(1), "a first"), (Start.AddSeconds(3), "a second"));
        await PutAsync(group, "i-0bbbbbbbbbbbbbbb2", (Start.AddSeconds(2), "b first"), (Start.AddSeconds(4), "b second"));

        var events = await ReadAllAsync("logged", new ServiceLogQuery { Since = Start });

        Assert.Equal(
            [("i-0aaaaaaaaaaaaaaa1", "a first"), ("i-0bbbbbbbbbbbbbbb2", "b first"), ("i-0aaaaaaaaaaaaaaa1", "a second"), ("i-0bbbbbbbbbbbbbbb2", "b second")],
            events.Select(e => (e.InstanceId, e.Message)));
        Assert.Equal(Start.AddSeconds(1).ToUnixTimeMilliseconds(), events[0].Timestamp.ToUnixTimeMilliseconds());
        Assert.EndsWith("i-0aaaaaaaaaaaaaaa1 a first", events[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Since_and_a_filter_pattern_narrow_the_events()
    {
        var group = await CreateStackWithLogsAsync("narrowed");
        await PutAsync(group, "i-0aaaaaaaaaaaaaaa1", (Start, "GET / 200"), (Start.AddSeconds(10), "GET / 500 ERROR"), (Start.AddSeconds(20), "GET / 200"));

        var recent = await ReadAllAsync("narrowed", new ServiceLogQuery { Since = Start.AddSeconds(5) });
        var errors = await ReadAllAsync("narrowed", new ServiceLogQuery { Since = Start, Filter = "ERROR" });

        Assert.Equal(["GET / 500 ERROR", "GET / 200"], recent.Select(e => e.Message));
        Assert.Equal(["GET / 500 ERROR"], errors.Select(e => e.Message));
    }

    [Fact]
    public async Task Follow_shows_lines_written_later_once_each_until_cancelled()
    {
        var group = await CreateStackWithLogsAsync("followed");
        await PutAsync(group, "i-0aaaaaaaaaaaaaaa1", (DateTimeOffset.UtcNow.AddSeconds(-30), "before"));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var seen = new List<ServiceLogEvent>();
        var arrived = new SemaphoreSlim(0);

        var follow = Task.Run(async () =>
        {
            await foreach (var line in Service.ReadLogsAsync("followed", new ServiceLogQuery { Follow = true }, stop.Token))
            {
                lock (seen)
                {
                    seen.Add(line);
                }
                arrived.Release();
            }
        });
        Assert.True(await arrived.WaitAsync(TimeSpan.FromSeconds(20)), "The existing line was not shown.");
        await PutAsync(group, "i-0bbbbbbbbbbbbbbb2", (DateTimeOffset.UtcNow, "after"));
        // A poll every 2 s: the new line is there well within 5 s of a quiet machine; the bound is wider for a busy one.
        Assert.True(await arrived.WaitAsync(TimeSpan.FromSeconds(15)), "The new line was not shown.");
        // A few more polls: nothing is shown twice.
        await Task.Delay(TimeSpan.FromSeconds(5));
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => follow);
        lock (seen)
        {
            Assert.Equal([("i-0aaaaaaaaaaaaaaa1", "before"), ("i-0bbbbbbbbbbbbbbb2", "after")], seen.Select(e => (e.InstanceId, e.Message)));
        }
    }

    [Fact]
    public async Task An_instance_whose_clock_runs_ahead_does_not_hide_the_others_lines()
    {
        var group = await CreateStackWithLogsAsync("skewed");
        // CloudWatch Logs takes events up to two hours ahead: one instance's clock is an hour fast.
        await PutAsync(group, "i-0aaaaaaaaaaaaaaa1", (DateTimeOffset.UtcNow.AddHours(1), "from the future"));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var seen = new List<string>();
        var arrived = new SemaphoreSlim(0);
        var follow = Task.Run(async () =>
        {
            await foreach (var line in Service.ReadLogsAsync("skewed", new ServiceLogQuery { Follow = true }, stop.Token))
            {
                lock (seen)
                {
                    seen.Add(line.Message);
                }
                arrived.Release();
            }
        });
        Assert.True(await arrived.WaitAsync(TimeSpan.FromSeconds(20)), "The existing line was not shown.");

        await PutAsync(group, "i-0bbbbbbbbbbbbbbb2", (DateTimeOffset.UtcNow, "on time"));

        Assert.True(await arrived.WaitAsync(TimeSpan.FromSeconds(15)), "The on-time line of the other instance was hidden.");
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => follow);
        lock (seen)
        {
            Assert.Equal(["from the future", "on time"], seen);
        }
    }

    [Fact]
    public async Task The_logs_of_a_stack_StackKit_did_not_create_are_not_read()
    {
        await AwsCliAsync("cloudformation", "create-stack", "--stack-name", "foreign", "--template-body",
            """{"Resources": {"LogGroup": {"Type": "AWS::Logs::LogGroup"}}}""");

        var refused = await Assert.ThrowsAsync<StackNotManagedException>(() => ReadAllAsync("foreign", new ServiceLogQuery()));

        Assert.Contains("will not read the logs of it", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stack_without_a_log_group_says_why_and_an_unknown_stack_is_named()
    {
        await CreateStackAsync("unlogged", withLogs: false);

        var missing = await Assert.ThrowsAsync<LogGroupMissingException>(() => ReadAllAsync("unlogged", new ServiceLogQuery()));
        var unknown = await Assert.ThrowsAsync<StackNotFoundException>(() => ReadAllAsync("nope", new ServiceLogQuery()));

        Assert.Contains("no log group", missing.Message, StringComparison.Ordinal);
        Assert.Equal("nope", unknown.StackName);
    }

    private async Task<List<ServiceLogEvent>> ReadAllAsync(string stackName, ServiceLogQuery query)
    {
        var events = new List<ServiceLogEvent>();
        await foreach (var line in Service.ReadLogsAsync(stackName, query))
        {
            events.Add(line);
        }
        return events;
    }

    /// <summary>Creates a StackKit stack whose template has the service's log group; returns the group's name.</summary>
    private async Task<string> CreateStackWithLogsAsync(string stackName)
    {
        await CreateStackAsync(stackName, withLogs: true);
        var resources = await Moto.RunAwsCliAsync("cloudformation", "describe-stack-resources", "--stack-name", stackName);
        var group = JsonDocument.Parse(resources.StdOut).RootElement.GetProperty("StackResources").EnumerateArray()
            .Single(r => r.GetProperty("LogicalResourceId").GetString() == StackKit.HttpService.CentralLogs.LogGroupLogicalId);
        return group.GetProperty("PhysicalResourceId").GetString()!;
    }

    // A stand-in until the service template has its log group: StackKit's stack with a log group, or without one.
    private Task<HttpServiceStack> CreateStackAsync(string stackName, bool withLogs) =>
        new StackLifecycle(Aws).CreateAsync(new CreateStackRequest
        {
            StackName = stackName,
            TemplateBody = withLogs
                ? """{"Resources": {"LogGroup": {"Type": "AWS::Logs::LogGroup", "Properties": {"RetentionInDays": 14}}}}"""
                : """{"Resources": {"Topic": {"Type": "AWS::SNS::Topic"}}}""",
        });

    /// <summary>What the awslogs driver does: a stream named by the instance id, and its container's lines put into it.</summary>
    private async Task PutAsync(string group, string instanceId, params (DateTimeOffset Time, string Message)[] lines)
    {
        await AwsCliAsync("logs", "create-log-stream", "--log-group-name", group, "--log-stream-name", instanceId);
        var events = JsonSerializer.Serialize(lines.Select(l => new { timestamp = l.Time.ToUnixTimeMilliseconds(), message = l.Message }));
        await AwsCliAsync("logs", "put-log-events", "--log-group-name", group, "--log-stream-name", instanceId, "--log-events", events);
    }

    private async Task AwsCliAsync(params string[] arguments)
    {
        var (exitCode, _, stderr) = await Moto.RunAwsCliAsync(arguments);
        Assert.True(exitCode == 0, $"aws {string.Join(' ', arguments)} failed ({exitCode}): {stderr}");
    }
}
