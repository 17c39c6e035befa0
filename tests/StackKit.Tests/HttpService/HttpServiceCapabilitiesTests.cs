using StackKit.HttpService;
using StackKit.Stacks;
using StackKit.Tests.FakeAws;

namespace StackKit.Tests.HttpService;

/// <summary>
/// StackKit acknowledges CAPABILITY_IAM itself when the template has the key store's role (moto ignores capabilities,
/// so the scripted fake records what is sent).
/// </summary>
public sealed class HttpServiceCapabilitiesTests
{
    [Theory]
    [InlineData(true, "CAPABILITY_IAM")]
    [InlineData(false, null)]
    public async Task Create_acknowledges_IAM_exactly_when_the_template_has_the_key_store(bool fleetKeyStore, string? capability)
    {
        var clock = new SteppingClock();
        var stack = new StackScript("svc", clock).On(
            "CreateStack",
            new ScriptedEvent(TimeSpan.Zero, "svc", ScriptedEvent.StackType, "CREATE_IN_PROGRESS", "User Initiated"),
            new ScriptedEvent(TimeSpan.FromSeconds(5), "svc", ScriptedEvent.StackType, "CREATE_COMPLETE"));
        await using var endpoint = await FakeAwsEndpoint.StartAsync(clock, stack.Respond);
        using var aws = endpoint.Connect(clock);
        var service = new HttpServiceStacks(new StackLifecycle(aws, clock, new Random(1)));

        await clock.RunAsync(service.CreateAsync(new HttpServiceStackRequest { StackName = "svc", Template = new HttpServiceOptions { FleetKeyStore = fleetKeyStore } }));

        var create = endpoint.Requests.Single(r => r.Action == "CreateStack");
        Assert.Equal(capability, create["Capabilities.member.1"]);
        Assert.Null(create["Capabilities.member.2"]);
    }

    [Fact]
    public async Task Update_acknowledges_IAM_since_the_kept_template_may_have_the_role()
    {
        var clock = new SteppingClock();
        var stack = new StackScript("svc", clock).Existing().On(
            "UpdateStack",
            new ScriptedEvent(TimeSpan.Zero, "svc", ScriptedEvent.StackType, "UPDATE_IN_PROGRESS", "User Initiated"),
            new ScriptedEvent(TimeSpan.FromSeconds(5), "svc", ScriptedEvent.StackType, "UPDATE_COMPLETE"));
        stack.Parameters[HttpServiceNames.DockerImage] = "example/web:1";
        await using var endpoint = await FakeAwsEndpoint.StartAsync(clock, stack.Respond);
        using var aws = endpoint.Connect(clock);
        var service = new HttpServiceStacks(new StackLifecycle(aws, clock, new Random(1)));

        await clock.RunAsync(service.UpdateAsync("svc", new HttpServiceStackUpdate { DockerImage = "example/web:2", SkipPreflight = true }));

        Assert.Equal("CAPABILITY_IAM", endpoint.Requests.Single(r => r.Action == "UpdateStack")["Capabilities.member.1"]);
    }
}
