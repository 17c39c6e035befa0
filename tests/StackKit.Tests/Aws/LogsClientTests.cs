using System.Text.Json;
using Amazon.Runtime;
using StackKit.Aws;
using StackKit.Tests.FakeAws;
using StackKit.Tests.Moto;

namespace StackKit.Tests.Aws;

/// <summary>The CloudWatch Logs client speaks JSON 1.1 as botocore's <c>logs</c> model says, pages, and maps AWS's errors.</summary>
public sealed class LogsClientTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task FilterLogEvents_sends_the_model_s_members_with_its_target_and_follows_the_next_token()
    {
        await using var endpoint = await FakeJsonEndpoint.StartAsync(request => request.Body.TryGetProperty("nextToken", out _)
            ? (200, """{"events": [{"logStreamName": "i-2", "timestamp": 1764590402000, "message": "second", "ingestionTime": 1764590403000, "eventId": "e2"}]}""")
            : (200, """{"events": [{"logStreamName": "i-1", "timestamp": 1764590401000, "message": "first", "ingestionTime": 1764590402000, "eventId": "e1"}], "nextToken": "t-2", "searchedLogStreams": []}"""));
        using var aws = Connect(endpoint.Url);

        var first = await aws.Logs.FilterLogEventsAsync("group", Start, "ERROR", null, default);
        var second = await aws.Logs.FilterLogEventsAsync("group", Start, "ERROR", first.NextToken, default);

        Assert.Equal(("e1", "i-1", "first", "t-2"), (first.Events[0].EventId, first.Events[0].LogStreamName, first.Events[0].Message, first.NextToken));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1764590402000), second.Events[0].Timestamp);
        Assert.Null(second.NextToken);
        var model = BotocoreModelTests.LoadModel("logs");
        var input = model.GetProperty("shapes").GetProperty("FilterLogEventsRequest").GetProperty("members");
        foreach (var request in endpoint.Requests)
        {
            Assert.Equal(model.GetProperty("metadata").GetProperty("targetPrefix").GetString() + ".FilterLogEvents", request.Target);
            Assert.Equal("application/x-amz-json-1.1", request.ContentType);
            // No signingName in the model: SigV4 signs with the endpoint prefix.
            Assert.Equal(model.GetProperty("metadata").GetProperty("endpointPrefix").GetString(), request.SigningService);
            foreach (var member in request.Body.EnumerateObject())
            {
                Assert.True(input.TryGetProperty(member.Name, out _), $"'{member.Name}' is not in botocore's FilterLogEventsRequest.");
            }
        }
        Assert.Equal(Start.ToUnixTimeMilliseconds(), endpoint.Requests[0].Body.GetProperty("startTime").GetInt64());
        Assert.Equal("t-2", endpoint.Requests[1].Body.GetProperty("nextToken").GetString());
    }

    [Fact]
    public async Task Errors_carry_AWS_s_code_without_its_namespace_and_throttling_is_retried()
    {
        var calls = 0;
        await using var endpoint = await FakeJsonEndpoint.StartAsync(_ => ++calls == 1
            ? (400, """{"__type": "ThrottlingException", "message": "Rate exceeded"}""")
            : (400, """{"__type": "com.amazonaws.logs#ResourceNotFoundException", "message": "The specified log group does not exist."}"""));
        using var aws = Connect(endpoint.Url);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Logs.FilterLogEventsAsync("gone", Start, null, null, default));

        Assert.Equal(("ResourceNotFoundException", "The specified log group does not exist.", 2), (error.ErrorCode, error.ErrorMessage, calls));
        Assert.Equal("FilterLogEvents", error.Action);
        Assert.False(endpoint.Requests[0].Body.TryGetProperty("filterPattern", out _));
    }

    [Theory]
    [InlineData(400, """{"__type": 42, "message": {"nested": true}}""", "Http400")]
    [InlineData(200, """{"events": [{"logStreamName": "i-1", "timestamp": "soon", "message": "x", "eventId": "e1"}]}""", "FormatException")]
    [InlineData(200, """{"events": [{"logStreamName": "i-1", "timestamp": 9999999999999999999, "message": "x", "eventId": "e1"}]}""", "FormatException")]
    public async Task A_malformed_answer_is_named_as_one_not_taken_for_the_user_s_mistake(int status, string body, string expected)
    {
        await using var endpoint = await FakeJsonEndpoint.StartAsync(_ => (status, body));
        using var aws = Connect(endpoint.Url);

        var error = await Record.ExceptionAsync(() => aws.Logs.FilterLogEventsAsync("group", Start, null, null, default));

        Assert.Equal(expected, error is AwsServiceException refused ? refused.ErrorCode : error?.GetType().Name);
    }

    [Fact]
    public async Task The_aws_CLI_reads_the_fake_s_answers_as_this_client_does()
    {
        await using var endpoint = await FakeJsonEndpoint.StartAsync(_ =>
            (200, """{"events": [{"logStreamName": "i-1", "timestamp": 1764590401000, "message": "first", "ingestionTime": 1764590402000, "eventId": "e1"}]}"""));

        var (exitCode, stdout, stderr) = await MotoServer.RunAwsCliAsync(endpoint.Url, "logs", "filter-log-events", "--log-group-name", "group", "--start-time", "1764590400000");

        Assert.True(exitCode == 0, stderr);
        Assert.Equal("first", JsonDocument.Parse(stdout).RootElement.GetProperty("events")[0].GetProperty("message").GetString());
        Assert.Equal("Logs_20140328.FilterLogEvents", Assert.Single(endpoint.Requests).Target);
    }

    private static AwsConnection Connect(Uri endpoint) => AwsConnection.Create(
        new AwsClientOptions { Region = "us-east-1", EndpointUrl = endpoint, Credentials = new BasicAWSCredentials("AKIDFAKE", "fake-secret"), MaxAttempts = 2 },
        new SteppingClockFreeTime(),
        new Random(3));

    /// <summary>A clock whose retry waits are instant.</summary>
    private sealed class SteppingClockFreeTime : TimeProvider
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            base.CreateTimer(callback, state, TimeSpan.Zero, period);
    }
}
