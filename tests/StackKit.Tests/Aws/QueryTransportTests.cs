using System.Net;
using System.Xml.Linq;
using StackKit.Aws;
using StackKit.Tests.FakeAws;

namespace StackKit.Tests.Aws;

/// <summary>Retries, the error envelope and failures the network can throw, against the scripted endpoint.</summary>
public sealed class QueryTransportTests
{
    private static FakeAwsResponse Validated(FakeAwsRequest request) =>
        FakeAwsResponse.Result(request, new XElement("Description", "ok"));

    [Theory]
    [InlineData("throttling")]
    [InlineData("503")]
    [InlineData("html500")]
    [InlineData("dropped")]
    public async Task Transient_failures_are_retried_with_backoff_until_the_call_succeeds(string failure)
    {
        var clock = new SteppingClock();
        var calls = 0;
        await using var endpoint = await FakeAwsEndpoint.StartAsync(clock, request => ++calls > 2
            ? Validated(request)
            : failure switch
            {
                "throttling" => FakeAwsResponse.Throttling(request),
                "503" => FakeAwsResponse.Error(request, 503, "ServiceUnavailable", "Please try again"),
                "html500" => FakeAwsResponse.Html(500),
                _ => FakeAwsResponse.Dropped,
            });
        using var aws = endpoint.Connect(clock);

        var validation = await clock.RunAsync(aws.CloudFormation.ValidateTemplateAsync("{}", CancellationToken.None));

        Assert.Equal("ok", validation.Description);
        Assert.Equal(3, calls);
        Assert.Equal(2, clock.Waits.Count);
        Assert.All(clock.Waits, wait => Assert.InRange(wait, TimeSpan.Zero, TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task A_retried_create_after_a_dropped_connection_repeats_the_same_idempotency_token()
    {
        var clock = new SteppingClock();
        var stack = new StackScript("svc", clock).On("CreateStack", new ScriptedEvent(TimeSpan.Zero, "svc", ScriptedEvent.StackType, "CREATE_COMPLETE"));
        var dropped = false;
        await using var endpoint = await FakeAwsEndpoint.StartAsync(clock, request =>
        {
            if (request.Action == "CreateStack" && !dropped)
            {
                dropped = true;
                return FakeAwsResponse.Dropped;
            }
            return stack.Respond(request);
        });
        using var aws = endpoint.Connect(clock);

        await clock.RunAsync(new StackKit.Stacks.StackLifecycle(aws, clock, new Random(1)).CreateAsync(
            new StackKit.Stacks.CreateStackRequest { StackName = "svc", TemplateBody = "{}" }));

        var tokens = endpoint.Requests.Where(r => r.Action == "CreateStack").Select(r => r["ClientRequestToken"]).ToList();
        Assert.Equal(2, tokens.Count);
        Assert.StartsWith("stackkit-create-", tokens[0], StringComparison.Ordinal);
        Assert.Equal(tokens[0], tokens[1]);
    }

    [Fact]
    public async Task Persistent_throttling_gives_up_after_the_configured_attempts_with_AWS_code()
    {
        var clock = new SteppingClock();
        await using var endpoint = await FakeAwsEndpoint.StartAsync(clock, FakeAwsResponse.Throttling);
        using var aws = endpoint.Connect(clock, maxAttempts: 3);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => clock.RunAsync(aws.CloudFormation.ValidateTemplateAsync("{}", CancellationToken.None)));

        Assert.Equal("Throttling", error.ErrorCode);
        Assert.Equal("Rate exceeded", error.ErrorMessage);
        Assert.Equal(3, endpoint.Requests.Count);
    }

    [Fact]
    public async Task Client_errors_surface_at_once_with_AWS_code_message_and_request_id()
    {
        var clock = new SteppingClock();
        await using var endpoint = await FakeAwsEndpoint.StartAsync(clock, request =>
            FakeAwsResponse.Error(request, 400, "ValidationError", "Template format error: unsupported structure."));
        using var aws = endpoint.Connect(clock);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => clock.RunAsync(aws.CloudFormation.ValidateTemplateAsync("nope", CancellationToken.None)));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("ValidationError", error.ErrorCode);
        Assert.Equal("ValidateTemplate failed: ValidationError: Template format error: unsupported structure.", error.Message);
        Assert.NotNull(error.RequestId);
        Assert.Single(endpoint.Requests);
        Assert.Empty(clock.Waits);
    }

    [Fact]
    public async Task A_non_AWS_error_page_is_reported_by_its_HTTP_status_after_retries()
    {
        var clock = new SteppingClock();
        await using var endpoint = await FakeAwsEndpoint.StartAsync(clock, _ => FakeAwsResponse.Html(500));
        using var aws = endpoint.Connect(clock, maxAttempts: 2);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => clock.RunAsync(aws.CloudFormation.ValidateTemplateAsync("{}", CancellationToken.None)));

        Assert.Equal("Http500", error.ErrorCode);
        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal(2, endpoint.Requests.Count);
    }

    [Fact]
    public void Backoff_grows_exponentially_with_full_jitter_and_caps_at_20_seconds()
    {
        var highest = new RetryBackoff(10, new AlwaysHighest());

        Assert.Equal(TimeSpan.FromSeconds(1), Rounded(highest.DelayAfter(1)));
        Assert.Equal(TimeSpan.FromSeconds(2), Rounded(highest.DelayAfter(2)));
        Assert.Equal(TimeSpan.FromSeconds(4), Rounded(highest.DelayAfter(3)));
        Assert.Equal(TimeSpan.FromSeconds(20), Rounded(highest.DelayAfter(9)));
        Assert.Equal(TimeSpan.Zero, new RetryBackoff(10, new AlwaysLowest()).DelayAfter(5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryBackoff(0, new Random()));
    }

    private static TimeSpan Rounded(TimeSpan delay) => TimeSpan.FromSeconds(Math.Round(delay.TotalSeconds, 3));

    private sealed class AlwaysHighest : Random
    {
        public override double NextDouble() => 0.999999999;
    }

    private sealed class AlwaysLowest : Random
    {
        public override double NextDouble() => 0;
    }
}
