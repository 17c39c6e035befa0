namespace StackKit.Tests.Moto;

[Collection(UsesMoto.Name)]
public sealed class MotoServerTests(MotoServer moto)
{
    [Fact]
    public async Task AwsCliReachesTheEmulator()
    {
        await moto.ResetAsync();
        var (exitCode, stdout, stderr) = await moto.RunAwsCliAsync("cloudformation", "list-stacks");
        Assert.True(exitCode == 0, stderr);
        Assert.Contains("StackSummaries", stdout, StringComparison.Ordinal);
    }
}
