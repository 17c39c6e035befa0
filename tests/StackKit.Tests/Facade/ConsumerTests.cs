using StackKit.Tests.Moto;

namespace StackKit.Tests.Facade;

/// <summary>
/// The consumer program (tests/StackKit.PowerShell.Tests/Consumer/Consumer.cs, written with <c>using StackKit;</c>
/// alone) creates, updates, previews, reads logs, lists and deletes through <see cref="IHttpServiceStacks"/>, on moto and on a fake.
/// </summary>
[Collection(UsesMoto.Name)]
public sealed class ConsumerTests(MotoServer moto) : IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await moto.ResetAsync();
        // The program's key pair, in the program's region; its image's registry is unreachable (loopback only): a warning.
        await moto.AwsJsonAsync("ec2", "create-key-pair", "--key-name", "my-key", "--region", "us-west-2");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task On_moto_every_step_works_where_moto_can_show_it()
    {
        using var aws = moto.Connect("us-west-2");

        var lines = await Consumer.RunAsync(new HttpServiceStacks(aws));

        AssertSteps(lines, "us-west-2");
        // moto's stack has the service's log group, with nothing written to it.
        Assert.Contains("logs 0", lines);
        // moto refuses DeleteStack of a stack with a VPC; real CloudFormation deletes it.
        Assert.Contains("delete refused by the endpoint: DependencyViolation", lines);
        Assert.Contains(lines, l => l.StartsWith("warning DockerImage", StringComparison.Ordinal));
    }

    [Fact]
    public async Task On_a_fake_implementation_every_step_works()
    {
        var lines = await Consumer.RunAsync(new FakeStacks());

        AssertSteps(lines, "eu-west-1");
        Assert.Contains("logs 1 [i-1: GET / 200]", lines);
        Assert.Contains("deleted True", lines);
    }

    private static void AssertSteps(List<string> lines, string region)
    {
        Assert.Contains($"created web (CREATE_COMPLETE) ok=True url=http region={region} image=registry.example.com/web:1 type=t3.small min=1", lines);
        Assert.Contains(lines, l => l.StartsWith("progress in order=True ", StringComparison.Ordinal));
        Assert.Contains("updated True image=registry.example.com/web:2 type=t3.small", lines);
        Assert.Contains("previewed DockerImage registry.example.com/web:2 -> registry.example.com/web:3 rolling=True", lines);
        Assert.Contains("listed web (UPDATE_COMPLETE)", lines);
        Assert.Contains($"not found is StackKitException=True name=nope region={region}", lines);
        Assert.Contains("bad value names SshCidr", lines);
    }
}
