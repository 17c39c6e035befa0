using StackKit.Stacks;
using StackKit.Tests.FakeAws;

namespace StackKit.Tests.Stacks;

/// <summary>Bad input is refused before any AWS call, with a message that says what is wrong.</summary>
public sealed class StackInputTests
{
    // The request type is internal, so the theory names each case by its index.
    private static readonly (CreateStackRequest Request, string Expected)[] Cases =
    [
        (new CreateStackRequest { StackName = "1svc", TemplateBody = "{}" }, "Stack name '1svc' is not valid"),
        (new CreateStackRequest { StackName = "svc_web", TemplateBody = "{}" }, "only letters, digits and hyphens"),
        (new CreateStackRequest { StackName = new string('a', 129), TemplateBody = "{}" }, "at most 128 characters"),
        (new CreateStackRequest { StackName = "svc", TemplateBody = "  " }, "template body is empty"),
        (new CreateStackRequest { StackName = "svc", TemplateBody = new string('x', 51_201) }, "51201 bytes"),
        (new CreateStackRequest { StackName = "svc", TemplateBody = "{}", Parameters = new Dictionary<string, string> { ["Docker-Image"] = "x" } }, "Parameter name 'Docker-Image' is not valid"),
        (new CreateStackRequest { StackName = "svc", TemplateBody = "{}", Parameters = new Dictionary<string, string> { ["DockerImage"] = null! } }, "Parameter 'DockerImage' has no value"),
        (new CreateStackRequest { StackName = "svc", TemplateBody = "{}", Tags = new Dictionary<string, string> { ["aws:owner"] = "x" } }, "Tag 'aws:owner' is reserved"),
    ];

    public static TheoryData<int, string> BadCreates
    {
        get
        {
            var data = new TheoryData<int, string>();
            for (var i = 0; i < Cases.Length; i++)
            {
                data.Add(i, Cases[i].Expected);
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(BadCreates))]
    public async Task A_bad_create_request_is_refused_without_calling_AWS(int index, string expected)
    {
        var request = Cases[index].Request;
        var clock = new SteppingClock();
        await using var endpoint = await FakeAwsEndpoint.StartAsync(clock, _ => throw new InvalidOperationException("no call expected"));
        using var aws = endpoint.Connect(clock);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => new StackLifecycle(aws, clock).CreateAsync(request));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Empty(endpoint.Requests);
    }

    [Fact]
    public async Task Updating_a_parameter_the_stack_does_not_have_names_the_ones_it_has()
    {
        var clock = new SteppingClock();
        var stack = new StackScript("svc", clock).Existing();
        stack.Parameters["DockerImage"] = "web:1";
        stack.Parameters["AmiId"] = "ami-1";
        await using var endpoint = await FakeAwsEndpoint.StartAsync(clock, stack.Respond);
        using var aws = endpoint.Connect(clock);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => new StackLifecycle(aws, clock).UpdateAsync(
            new UpdateStackRequest { StackName = "svc", Parameters = new Dictionary<string, string> { ["DockerImg"] = "web:2" } }));

        Assert.Contains("no parameter 'DockerImg'", error.Message, StringComparison.Ordinal);
        Assert.Contains("DockerImage, AmiId", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, endpoint.Count("UpdateStack"));
    }

    [Theory]
    [InlineData("alice", "alice-20261126-101502")]
    [InlineData("DOMAIN\\bob.smith", "DOMAIN-bob-smith-20261126-101502")]
    [InlineData("1ops", "stackkit-1ops-20261126-101502")]
    [InlineData("", "stackkit-20261126-101502")]
    public void The_default_name_is_user_and_local_time(string user, string expected)
    {
        var localNow = new DateTimeOffset(2026, 11, 26, 10, 15, 2, TimeSpan.FromHours(1));

        Assert.Equal(expected, DefaultStackName.For(user, localNow));
    }

    [Fact]
    public async Task A_create_without_a_name_uses_the_default_name()
    {
        var clock = new SteppingClock();
        clock.SetLocalTimeZone(TimeZoneInfo.Utc);
        var expected = DefaultStackName.For(Environment.UserName, clock.GetLocalNow());
        var stack = new StackScript(expected, clock).On("CreateStack", new ScriptedEvent(TimeSpan.Zero, expected, ScriptedEvent.StackType, "CREATE_COMPLETE"));
        await using var endpoint = await FakeAwsEndpoint.StartAsync(clock, stack.Respond);
        using var aws = endpoint.Connect(clock);

        var created = await clock.RunAsync(new StackLifecycle(aws, clock).CreateAsync(new CreateStackRequest { TemplateBody = "{}" }));

        Assert.Equal(expected, created.Name);
        Assert.EndsWith("-20261126-090000", created.Name, StringComparison.Ordinal);
    }
}
