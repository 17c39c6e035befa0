using StackKit.Stacks;

namespace StackKit.Tests.Stacks;

/// <summary>Which console lines explain a boot: the step, the tool's error and the FAILED line, or what is there instead.</summary>
public sealed class BootConsoleTests
{
    [Fact]
    public void A_long_failing_step_keeps_its_step_line_and_the_last_lines_before_the_failure()
    {
        var console = string.Join("\r\n",
            [
                "[ 40.1] cloud-init[1621]: stackkit: step 6/7: starting the service container",
                "[ 40.2] cloud-init[1621]: stackkit: step 7/7: waiting for the service to answer on port 80",
                .. Enumerable.Range(1, 20).Select(i => $"[ 160.{i}] cloud-init[1621]: stackkit: service log: line {i}"),
                "[ 161.0] cloud-init[1621]: stackkit: FAILED at step 7/7: waiting for the service to answer on port 80 (exit code 22)",
                "[ 161.5] cloud-init[1621]: util.py[WARNING]: Failed running /var/lib/cloud/instance/scripts/part-001 [1]",
            ]);

        Assert.Equal(
            [
                "stackkit: step 7/7: waiting for the service to answer on port 80",
                "stackkit: service log: line 17",
                "stackkit: service log: line 18",
                "stackkit: service log: line 19",
                "stackkit: service log: line 20",
                "stackkit: FAILED at step 7/7: waiting for the service to answer on port 80 (exit code 22)",
            ],
            BootConsole.FailureLines(console));
    }

    [Fact]
    public void Without_a_failure_the_last_step_reached_is_kept_and_without_StackKit_lines_the_last_lines()
    {
        Assert.Equal(
            ["stackkit: step 2/7: installing Docker", "Downloading Packages:"],
            BootConsole.FailureLines("stackkit: step 1/7: installing cfn-signal (aws-cfn-bootstrap)\nstackkit: step 2/7: installing Docker\n[ 30.1] cloud-init[9]: Downloading Packages:\n"));
        Assert.Equal(
            ["Kernel panic - not syncing: VFS: Unable to mount root fs", "CPU: 0 PID: 1 Comm: swapper/0", "---[ end Kernel panic ]---"],
            BootConsole.FailureLines("[0.0] Linux version 6.1\n\nKernel panic - not syncing: VFS: Unable to mount root fs\nCPU: 0 PID: 1 Comm: swapper/0\n---[ end Kernel panic ]---\n"));
        Assert.Empty(BootConsole.FailureLines(""));
    }

    [Fact]
    public void Control_characters_are_dropped_and_very_long_lines_cut()
    {
        var lines = BootConsole.FailureLines("stackkit: step 5/7: pulling image x\n\u001b[31mError\u001b[0m " + new string('x', 1000) + "\nstackkit: FAILED at step 5/7: pulling image x (exit code 1)");

        Assert.StartsWith("[31mError[0m xxx", lines[1], StringComparison.Ordinal);
        Assert.Equal(401, lines[1].Length);
        Assert.DoesNotContain(lines, line => line.Any(char.IsControl));
    }
}
