using System.Diagnostics;
using System.Text;

namespace StackKit.Tests.Image;

/// <summary>
/// A real dockerd (Debian's docker.io) of the test's own, with its data, state, socket and containerd in the test's
/// temporary folder. It makes no network of any kind (<c>--bridge=none --iptables=false --ip6tables=false</c>, no IP
/// forwarding or masquerading): a container has only its own loopback, or the host's network when a test asks for
/// it, and then listens on 127.0.0.1 alone. Disposing removes every container it ran, by id, and stops the daemon.
/// </summary>
public sealed class DockerDaemon : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(3);

    private readonly Process _process;
    private readonly string _folder;
    private readonly StringBuilder _log = new();

    private DockerDaemon(Process process, string folder)
    {
        _process = process;
        _folder = folder;
    }

    /// <summary>The daemon's address, as DOCKER_HOST takes it.</summary>
    public string Host => "unix://" + Path.Combine(_folder, "docker.sock");

    /// <summary>What the daemon logged, for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts a daemon whose files all live under <paramref name="folder"/> (short: it holds unix sockets).</summary>
    public static async Task<DockerDaemon> StartAsync(string folder)
    {
        Directory.CreateDirectory(folder);
        var start = new ProcessStartInfo("dockerd")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--bridge=none", "--iptables=false", "--ip6tables=false", "--ip-forward=false", "--ip-masq=false",
            "--userland-proxy=false", "--data-root", Path.Combine(folder, "data"), "--exec-root", Path.Combine(folder, "exec"),
            "--pidfile", Path.Combine(folder, "dockerd.pid"), "--host", "unix://" + Path.Combine(folder, "docker.sock"),
        })
        {
            start.ArgumentList.Add(argument);
        }
        // Pulls go to the loopback registry only, never through a proxy the machine may name.
        foreach (var name in new[] { "HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy" })
        {
            start.Environment.Remove(name);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("dockerd did not start.");
        var daemon = new DockerDaemon(process, folder);
        process.OutputDataReceived += (_, line) => daemon.Append(line.Data);
        process.ErrorDataReceived += (_, line) => daemon.Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"dockerd exited ({process.ExitCode}): {daemon.Log}");
            }
            if ((await daemon.RunAsync("version")).ExitCode == 0)
            {
                return daemon;
            }
            await Task.Delay(200);
        }
        await daemon.DisposeAsync();
        throw new TimeoutException($"dockerd did not answer within 60 s: {daemon.Log}");
    }

    /// <summary>Runs the docker client against this daemon; returns its exit code, standard output and standard error.</summary>
    public async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments)
    {
        // The client of the same package as the daemon, when there is one: no API version to negotiate.
        var start = new ProcessStartInfo(File.Exists("/usr/bin/docker") ? "/usr/bin/docker" : "docker")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["DOCKER_HOST"] = Host;
        start.Environment["DOCKER_CONFIG"] = Path.Combine(_folder, "client");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("docker did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"docker {string.Join(' ', arguments)} took over {CommandTimeout}.");
        }
        return (process.ExitCode, (await output).Trim(), (await error).Trim());
    }

    /// <summary>Runs the docker client and returns its output; fails the test, quoting the client, when it fails.</summary>
    public async Task<string> CheckedAsync(params string[] arguments)
    {
        var (exitCode, output, error) = await RunAsync(arguments);
        Assert.True(exitCode == 0, $"docker {string.Join(' ', arguments)} exited {exitCode}: {error}\n{output}");
        return output;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                var (_, containers, _) = await RunAsync("ps", "--all", "--quiet", "--no-trunc");
                foreach (var id in containers.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    await RunAsync("rm", "--force", "--volumes", id);
                }
                // SIGTERM: the daemon stops its containerd and unmounts its layers; killed only if it hangs.
                Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit();
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                try
                {
                    await _process.WaitForExitAsync(grace.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync();
                }
            }
        }
        finally
        {
            _process.Dispose();
            await UnmountLeftoversAsync();
        }
    }

    // The daemon leaves its network namespace's bind mount (exec/netns/default) behind when it stops; anything still
    // mounted under the folder is unmounted, deepest first, so the folder can be deleted.
    private async Task UnmountLeftoversAsync()
    {
        var prefix = Path.TrimEndingDirectorySeparator(_folder) + "/";
        var mounts = (await File.ReadAllLinesAsync("/proc/self/mountinfo"))
            .Select(line => line.Split(' ')[4].Replace("\\040", " ", StringComparison.Ordinal))
            .Where(mountPoint => mountPoint.StartsWith(prefix, StringComparison.Ordinal))
            .OrderByDescending(mountPoint => mountPoint.Length);
        foreach (var mountPoint in mounts)
        {
            using var umount = Process.Start("umount", ["--lazy", mountPoint]);
            await umount.WaitForExitAsync();
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
