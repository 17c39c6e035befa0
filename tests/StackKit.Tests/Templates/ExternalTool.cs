using System.Diagnostics;

namespace StackKit.Tests.Templates;

/// <summary>Runs a command-line tool of the machine (cfn-lint, python3) and captures what it printed.</summary>
internal static class ExternalTool
{
    public static Task<(int ExitCode, string Output)> RunAsync(string fileName, params string[] arguments) =>
        RunAsync(Timeout.InfiniteTimeSpan, fileName, arguments);

    /// <summary>
    /// As <see cref="RunAsync(string, string[])"/>, for at most <paramref name="timeout"/>: then the tool and every
    /// process it started are killed (a namespace's daemons included), so nothing outlives a failed test.
    /// </summary>
    /// <exception cref="TimeoutException">The tool ran longer; the message has what it printed until then.</exception>
    public static async Task<(int ExitCode, string Output)> RunAsync(TimeSpan timeout, string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException(
                $"{fileName} ran longer than {timeout} and was killed with every process it started. It printed:\n{await stdout}{await stderr}");
        }
        return (process.ExitCode, (await stdout) + (await stderr));
    }
}
