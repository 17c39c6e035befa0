using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using StackKit.TestSupport;

namespace StackKit.Server.Tests.Support;

/// <summary>
/// A real OpenSSH sshd on a free port of 127.0.0.1, reading the given authorized_keys file. It runs in a private mount
/// namespace with a tmpfs on /run for its privilege-separation directory, so the machine's /run is never touched
/// (this needs root, as the tests have in CI).
/// </summary>
internal sealed class Sshd : IAsyncDisposable
{
    private readonly Process process;
    private readonly string directory;

    private Sshd(Process process, string directory, int port)
    {
        this.process = process;
        this.directory = directory;
        Port = port;
    }

    public int Port { get; }

    public static async Task<Sshd> StartAsync(string authorizedKeysFile)
    {
        var directory = Directory.CreateTempSubdirectory("stackkit-sshd-").FullName;
        var hostKey = await Tool.GenerateKeyPairAsync(directory, "host_ed25519");
        var port = LoopbackPort.Free();
        var config = Path.Combine(directory, "sshd_config");
        // StrictModes off: the test's temp directories sit under the world-writable /tmp, which sshd would refuse.
        File.WriteAllText(config, $"""
            Port {port}
            ListenAddress 127.0.0.1
            HostKey {hostKey}
            PidFile none
            AuthorizedKeysFile {authorizedKeysFile}
            AuthenticationMethods publickey
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            UsePAM no
            StrictModes no
            PermitRootLogin prohibit-password
            """);

        var start = new ProcessStartInfo("unshare")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            ArgumentList = { "-m", "sh", "-c", $"mount -t tmpfs tmpfs /run && mkdir -p /run/sshd && exec /usr/sbin/sshd -D -e -f '{config}'" },
        };
        var output = new StringBuilder();
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data is null)
            {
                listening.TrySetException(new InvalidOperationException($"sshd exited:\n{output}"));
            }
            else if (e.Data.Contains($"Server listening on 127.0.0.1 port {port}", StringComparison.Ordinal))
            {
                listening.TrySetResult();
            }
        };
        process.Start();
        process.BeginErrorReadLine();
        await listening.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return new Sshd(process, directory, port);
    }

    /// <summary>Runs `echo logged-in` over ssh as the current user with only the given private key.</summary>
    public Task<(int ExitCode, string Output)> LoginAsync(string privateKey) => Tool.RunAsync("ssh", Arguments(privateKey, [], ["echo", "logged-in"]));

    /// <summary>The ssh command line that logs in as the current user with only the given key, with extra options, running the command.</summary>
    public IEnumerable<string> Arguments(string privateKey, IEnumerable<string> options, IEnumerable<string> command) =>
    [
        "-F", "/dev/null", "-i", privateKey, "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
        "-o", "IdentitiesOnly=yes", "-o", "ConnectTimeout=20", .. options,
        $"{Environment.UserName}@127.0.0.1", .. command,
    ];

    public async ValueTask DisposeAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
        Directory.Delete(directory, recursive: true);
    }
}
