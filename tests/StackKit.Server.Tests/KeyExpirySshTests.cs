using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Amazon.DynamoDBv2.Model;
using StackKit.Keys;
using StackKit.Server.Storage;
using StackKit.Server.Tests.Support;
using StackKit.TestSupport;

namespace StackKit.Server.Tests;

/// <summary>
/// What the line options do to a real sshd (loopback only): <c>expiry-time</c> refuses a key after its time, even with
/// the key table unreachable, and <c>restrict,pty</c> refuses port forwarding but gives a command and a terminal.
/// </summary>
[Collection(FleetTests.Alone)]
public sealed class KeyExpirySshTests : IDisposable
{
    private readonly TempSshDirectory ssh = new();
    private readonly string clientKeys = Directory.CreateTempSubdirectory("stackkit-client-").FullName;

    public void Dispose()
    {
        ssh.Dispose();
        Directory.Delete(clientKeys, recursive: true);
    }

    [Fact]
    public async Task Sshd_refuses_a_key_whose_expiry_has_passed_and_accepts_one_still_valid()
    {
        var expired = await Tool.GenerateKeyPairAsync(clientKeys, "expired");
        var valid = await Tool.GenerateKeyPairAsync(clientKeys, "valid");
        var store = new AuthorizedKeysStore(ssh.Path);
        var now = DateTimeOffset.UtcNow;
        await store.AddAsync(PublicKeyOf(expired), now.AddMinutes(-1));
        await store.AddAsync(PublicKeyOf(valid), now.AddHours(1));
        Assert.All(ssh.AuthorizedKeyLines(), line => Assert.StartsWith("restrict,pty,expiry-time=\"", line, StringComparison.Ordinal));

        await using var sshd = await Sshd.StartAsync(ssh.AuthorizedKeys);
        var (validExit, validOutput) = await sshd.LoginAsync(valid);
        var (expiredExit, expiredOutput) = await sshd.LoginAsync(expired);

        Assert.True(validExit == 0, validOutput);
        Assert.Contains("logged-in", validOutput, StringComparison.Ordinal);
        Assert.NotEqual(0, expiredExit);
        Assert.Contains("Permission denied", expiredOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_key_table_unreachable_a_key_that_expires_in_seconds_stops_working_on_time()
    {
        await using var moto = await MotoDynamoDb.StartAsync();
        var table = await moto.CreateKeyTableAsync();
        var user = await Tool.GenerateKeyPairAsync(clientKeys, "short-lived");
        var key = PublicKeyOf(user);
        // As Add-HttpServiceSshKey writes it, with a lifetime under its one-minute minimum to keep the test short; long
        // enough for a loaded machine to start the server and sshd and log in before it ends.
        var expiresAt = DateTimeOffset.UtcNow.AddSeconds(30);
        await moto.Client.PutItemAsync(new PutItemRequest
        {
            TableName = table,
            Item = KeyTableItem.Write(key, DateTimeOffset.UtcNow, "arn:aws:iam::123456789012:user/test", expiresAt).ToDictionary(
                pair => pair.Key, pair => KeyTableSchema.IsNumber(pair.Key) ? new AttributeValue { N = pair.Value } : new AttributeValue { S = pair.Value }),
        });
        await using var server = await ServerProcess.StartAsync(ssh.Path, environment: moto.ServerEnvironment(table, TimeSpan.FromSeconds(1)));
        await WaitUntilAsync(() => File.Exists(ssh.AuthorizedKeys) && ssh.AuthorizedKeyLines().Any(line => line.EndsWith(key.Line, StringComparison.Ordinal)));
        await using var sshd = await Sshd.StartAsync(ssh.AuthorizedKeys);
        var (before, beforeOutput) = await sshd.LoginAsync(user);

        await moto.StopAsync();
        await WaitUntilAsync(() => server.Output.Contains("Cannot read the key table", StringComparison.Ordinal));
        Assert.True(DateTimeOffset.UtcNow < expiresAt, "the table went away before the key's time was up");
        var (during, duringOutput) = await sshd.LoginAsync(user);
        await Task.Delay(expiresAt - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1));
        var (after, afterOutput) = await sshd.LoginAsync(user);

        Assert.True(before == 0, beforeOutput);
        Assert.True(during == 0, duringOutput);
        Assert.NotEqual(0, after);
        Assert.Contains("Permission denied", afterOutput, StringComparison.Ordinal);
        // And the sync, still failing to read the table, takes the expired line away.
        await WaitUntilAsync(() => !ssh.AuthorizedKeyLines().Any(line => line.Contains(key.Blob, StringComparison.Ordinal)));
        Assert.DoesNotContain(ssh.AuthorizedKeyLines(), line => line.Contains(key.Blob, StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(ssh.KeysDirectory));
    }

    [Fact]
    public async Task A_restricted_key_runs_a_command_and_gets_a_terminal_but_no_port_forwarding()
    {
        var user = await Tool.GenerateKeyPairAsync(clientKeys, "restricted");
        await new AuthorizedKeysStore(ssh.Path).AddAsync(PublicKeyOf(user), DateTimeOffset.UtcNow.AddHours(1));
        await using var sshd = await Sshd.StartAsync(ssh.AuthorizedKeys);

        var (commandExit, commandOutput) = await sshd.LoginAsync(user);
        var (ttyExit, ttyOutput) = await Tool.RunAsync("ssh", sshd.Arguments(user, ["-tt"], ["tty"]));
        var forwarded = await ForwardAsync(sshd, user);

        Assert.True(commandExit == 0, commandOutput);
        Assert.True(ttyExit == 0, ttyOutput);
        Assert.Contains("/dev/pts/", ttyOutput, StringComparison.Ordinal);
        Assert.Equal(string.Empty, forwarded);
    }

    [Fact]
    public async Task With_forwarding_allowed_the_same_forward_reaches_its_target()
    {
        var user = await Tool.GenerateKeyPairAsync(clientKeys, "forwarding");
        await new AuthorizedKeysStore(ssh.Path, allowForwarding: true).AddAsync(PublicKeyOf(user), DateTimeOffset.UtcNow.AddHours(1));
        await using var sshd = await Sshd.StartAsync(ssh.AuthorizedKeys);

        Assert.Equal(Target.Greeting, await ForwardAsync(sshd, user));
    }

    private static OpenSshPublicKey PublicKeyOf(string privateKey) => OpenSshPublicKey.Parse(File.ReadAllText(privateKey + ".pub").TrimEnd('\n'));

    /// <summary>
    /// Runs <c>ssh -L</c> from a loopback port to a loopback target that greets every connection, connects through it,
    /// and returns what came back: the greeting, or nothing when sshd refused the forwarded channel.
    /// </summary>
    private static async Task<string> ForwardAsync(Sshd sshd, string privateKey)
    {
        await using var target = Target.Start();
        var local = LoopbackPort.Free();
        var start = new ProcessStartInfo("ssh") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in sshd.Arguments(privateKey, ["-L", $"{local}:127.0.0.1:{target.Port}", "-o", "ExitOnForwardFailure=yes"], ["sleep", "20"]))
        {
            start.ArgumentList.Add(argument);
        }

        using var ssh = Process.Start(start)!;
        try
        {
            using var client = await ConnectAsync(local);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            var stream = client.GetStream();
            var received = new MemoryStream();
            var buffer = new byte[256];
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }

            return Encoding.UTF8.GetString(received.ToArray());
        }
        finally
        {
            ssh.Kill(entireProcessTree: true);
            await ssh.WaitForExitAsync();
        }
    }

    // ssh listens on the local port once it has logged in.
    private static async Task<TcpClient> ConnectAsync(int port)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port);
                return client;
            }
            catch (SocketException) when (watch.Elapsed < TimeSpan.FromSeconds(30))
            {
                client.Dispose();
                await Task.Delay(100);
            }
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!condition() && watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
        }
    }

    /// <summary>A loopback server that writes <see cref="Greeting"/> to every connection and closes it.</summary>
    private sealed class Target : IAsyncDisposable
    {
        public const string Greeting = "through the tunnel\n";

        private readonly TcpListener listener;
        private readonly Task serving;

        private Target(TcpListener listener)
        {
            this.listener = listener;
            serving = ServeAsync();
        }

        public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

        public static Target Start()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return new Target(listener);
        }

        public async ValueTask DisposeAsync()
        {
            listener.Stop();
            await serving;
        }

        private async Task ServeAsync()
        {
            try
            {
                while (true)
                {
                    using var client = await listener.AcceptTcpClientAsync();
                    await client.GetStream().WriteAsync(Encoding.UTF8.GetBytes(Greeting));
                }
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
            {
                // Stopped.
            }
        }
    }
}
