namespace StackKit.Tests.Templates;

public class ExternalToolTests
{
    // What a rehearsal that hangs leaves behind: a tool whose own child (dockerd, in a namespace) outlives it unless
    // the whole tree is stopped.
    [Fact]
    public async Task A_tool_that_runs_past_its_timeout_is_killed_with_the_processes_it_started()
    {
        var started = DateTime.UtcNow;

        var timedOut = await Assert.ThrowsAsync<TimeoutException>(() => ExternalTool.RunAsync(
            TimeSpan.FromSeconds(2), "bash", "-c", "sleep 300 & echo \"child $!\"; wait"));

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(60), "The tool was not stopped at its timeout.");
        var child = int.Parse(timedOut.Message.Split("child ")[1].Split('\n')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(Runs(child), $"The tool's child {child} still runs after the timeout.");
        Assert.Contains("ran longer than 00:00:02", timedOut.Message, StringComparison.Ordinal);
    }

    // A killed process may stay a zombie until init reaps it; it runs no more.
    private static bool Runs(int pid)
    {
        try
        {
            return !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    [Fact]
    public async Task A_tool_that_ends_in_time_gives_its_exit_code_and_output()
    {
        var (exitCode, output) = await ExternalTool.RunAsync(TimeSpan.FromMinutes(1), "bash", "-c", "echo out; echo err >&2; exit 3");

        Assert.Equal(3, exitCode);
        Assert.Equal("out\nerr\n", output);
    }
}
