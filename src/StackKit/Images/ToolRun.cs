using System.Diagnostics;

namespace StackKit.Images;

/// <summary>
/// Runs a command-line tool (dotnet, git) to its end, each output line passed on as it comes and the last ones kept
/// for the error message. Lines are cut at <see cref="MaxLineLength"/>, and at most <see cref="KeptLines"/> are kept:
/// a chatty build cannot grow memory without bound. Cancelling kills the tool, and so does its step's time limit.
/// </summary>
internal static class ToolRun
{
    public const int MaxLineLength = 500;
    public const int KeptLines = 400;

    // A killed tool's children may hold its output open: its last lines are waited for this long, not to their end.
    private static readonly TimeSpan OutputGrace = TimeSpan.FromSeconds(5);

    /// <summary>The exit code and the last lines of standard output and error, interleaved as they came.</summary>
    /// <exception cref="ImagePublishException">The tool ran longer than <paramref name="step"/>'s limit; it was killed.</exception>
    public static async Task<(int ExitCode, IReadOnlyList<string> Lines)> RunAsync(
        ToolStep step, string fileName, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string?> environment,
        Action<string>? onLine, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName, string.Join(" ", arguments.Select(Quote)))
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var pair in environment)
        {
            if (pair.Value is null)
            {
                start.Environment.Remove(pair.Key);
            }
            else
            {
                start.Environment[pair.Key] = pair.Value;
            }
        }
        var lines = new Queue<string>();
        var exited = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var outputDone = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var errorDone = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        void Receive(string? data, TaskCompletionSource<bool> done)
        {
            if (data is null)
            {
                done.TrySetResult(true);
                return;
            }
            var line = data.Length > MaxLineLength ? data.Remove(MaxLineLength) + "…" : data;
            lock (lines)
            {
                lines.Enqueue(line);
                if (lines.Count > KeptLines)
                {
                    lines.Dequeue();
                }
            }
            onLine?.Invoke(line);
        }
        process.OutputDataReceived += (_, e) => Receive(e.Data, outputDone);
        process.ErrorDataReceived += (_, e) => Receive(e.Data, errorDone);
        process.Exited += (_, _) => exited.TrySetResult(0);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(step.Limit);
        using (limit.Token.Register(() => Kill(process)))
        {
            await exited.Task.ConfigureAwait(false);
        }
        var drained = Task.WhenAll(outputDone.Task, errorDone.Task);
        if (!limit.IsCancellationRequested)
        {
            await drained.ConfigureAwait(false);
            process.WaitForExit();
        }
        else
        {
            await Task.WhenAny(drained, Task.Delay(OutputGrace, CancellationToken.None)).ConfigureAwait(false);
        }
        cancellationToken.ThrowIfCancellationRequested();
        if (limit.IsCancellationRequested)
        {
            throw new ImagePublishException(step.Stage,
                $"{step.Description} did not finish within {step.LimitText} and was stopped; nothing was deployed. {step.Advice}");
        }
        lock (lines)
        {
            return (process.ExitCode, lines.ToList());
        }
    }

    /// <summary>The full path of <paramref name="name"/> on PATH, or null.</summary>
    public static string? FindOnPath(string name)
    {
        var names = Path.DirectorySeparatorChar == '\\' ? new[] { name + ".exe", name } : [name];
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            foreach (var candidate in names)
            {
                if (folder.Length > 0 && File.Exists(Path.Combine(folder, candidate)))
                {
                    return Path.Combine(folder, candidate);
                }
            }
        }
        return null;
    }

    private static void Kill(Process process)
    {
        try
        {
#if NETSTANDARD2_0
            process.Kill();
#else
            process.Kill(entireProcessTree: true);
#endif
        }
        catch (InvalidOperationException)
        {
            // It had exited already.
        }
    }

    // netstandard2.0 has no ArgumentList: arguments are joined with the quoting the runtime splits them by again
    // (backslashes are doubled only before a quote or the closing quote).
    private static string Quote(string argument)
    {
        if (argument.Length > 0 && argument.IndexOfAny([' ', '\t', '"']) < 0)
        {
            return argument;
        }
        var quoted = new System.Text.StringBuilder("\"");
        var backslashes = 0;
        foreach (var c in argument)
        {
            if (c == '\\')
            {
                backslashes++;
                continue;
            }
            quoted.Append('\\', c == '"' ? (backslashes * 2) + 1 : backslashes).Append(c);
            backslashes = 0;
        }
        return quoted.Append('\\', backslashes * 2).Append('"').ToString();
    }
}
