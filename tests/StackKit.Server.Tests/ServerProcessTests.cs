using System.Collections.Concurrent;
using System.Net;
using StackKit.Keys;
using StackKit.Server.Storage;
using StackKit.Server.Tests.Support;

namespace StackKit.Server.Tests;

/// <summary>The real host process on 127.0.0.1, driven over HTTP (and by curl, as the README does).</summary>
public sealed class ServerProcessTests : IDisposable
{
    private readonly TempSshDirectory ssh = new();

    public void Dispose() => ssh.Dispose();

    [Fact]
    public async Task The_original_README_example_works_exactly_as_written()
    {
        await using var server = await ServerProcess.StartAsync(ssh.Path);
        var userHome = Directory.CreateTempSubdirectory("stackkit-user-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(userHome, ".ssh"));
            var privateKey = await Tool.GenerateKeyPairAsync(Path.Combine(userHome, ".ssh"), "id_rsa", "rsa");
            var url = $"{server.BaseAddress.Host}:{server.BaseAddress.Port}";
            var readme = $"""
                BASE64_PUB_KEY="$(cat ~/.ssh/id_rsa.pub | base64)"
                curl -sS -XPOST --user {ServerProcess.Username}:{ServerProcess.Password} http://{url}/add_public_key -d "{"{"}\"ssh_public_key\": \"$BASE64_PUB_KEY\"{"}"}"
                """;

            var (exitCode, output) = await Tool.RunAsync("bash", ["-c", readme], new Dictionary<string, string> { ["HOME"] = userHome });

            var line = File.ReadAllText(privateKey + ".pub").TrimEnd('\n');
            Assert.True(exitCode == 0, output);
            Assert.Matches(TestKeys.SavedAnswer(line), output);
            Assert.Equal([line], ssh.KeyLines());
            Assert.Equal("Hi", await server.Client.GetStringAsync(new Uri("/", UriKind.Relative)));
        }
        finally
        {
            Directory.Delete(userHome, recursive: true);
        }
    }

    [Fact]
    public async Task Without_a_configured_directory_the_running_users_ssh_directory_is_written()
    {
        await using var server = await ServerProcess.StartAsync(sshDirectory: null, home: ssh.Home);
        var key = TestKeys.Ed25519();

        using var response = await server.PostKeyFileAsync(key + "\n");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([key], ssh.KeyLines());
    }

    [Fact]
    public async Task Five_hundred_concurrent_keys_over_HTTP_each_land_exactly_once()
    {
        await using var server = await ServerProcess.StartAsync(ssh.Path);
        var keys = Enumerable.Range(0, 500).Select(i => TestKeys.Ed25519($"concurrent{i}")).ToList();

        var statuses = await Task.WhenAll(keys.Select(async key =>
        {
            using var response = await server.PostKeyFileAsync(key + "\n");
            return response.StatusCode;
        }));

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(keys.Order(), ssh.KeyLines().Order());
        Assert.Equal(500, Directory.GetFiles(ssh.KeysDirectory).Length);
        Assert.Equal(500, await ssh.KeysSshKeygenListsAsync());
    }

    [Fact]
    public async Task Two_processes_writing_one_directory_lose_and_duplicate_nothing()
    {
        await using var first = await ServerProcess.StartAsync(ssh.Path);
        await using var second = await ServerProcess.StartAsync(ssh.Path);
        var keys = Enumerable.Range(0, 300).Select(i => TestKeys.Ed25519($"two-processes{i}")).ToList();

        await Task.WhenAll(keys.Select(async (key, i) =>
        {
            using var response = await (i % 2 == 0 ? first : second).PostKeyFileAsync(key + "\n");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }));

        Assert.Equal(keys.Order(), ssh.KeyLines().Order());
    }

    [Fact]
    public async Task SIGKILL_under_load_leaves_intact_files_holding_every_acknowledged_key()
    {
        var server = await ServerProcess.StartAsync(ssh.Path);
        var acknowledged = new ConcurrentBag<string>();
        var enoughAcknowledged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();

        async Task SendUntilKilled(int worker)
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var key = TestKeys.Ed25519($"w{worker}-{i}");
                try
                {
                    using var response = await server.PostKeyFileAsync(key + "\n");
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        acknowledged.Add(key);
                        if (acknowledged.Count >= 300)
                        {
                            enoughAcknowledged.TrySetResult();
                        }
                    }
                }
                catch (HttpRequestException)
                {
                    return;
                }
            }
        }

        var workers = Enumerable.Range(0, 64).Select(worker => Task.Run(() => SendUntilKilled(worker))).ToList();
        await enoughAcknowledged.Task.WaitAsync(TimeSpan.FromMinutes(2));
        await server.KillAsync();
        await stop.CancelAsync();
        await Task.WhenAll(workers);
        await server.DisposeAsync();

        var lines = ssh.KeyLines();
        Assert.All(lines, line => OpenSshPublicKey.Parse(line));
        Assert.Equal(lines.Length, lines.Distinct().Count());
        Assert.Superset(acknowledged.ToHashSet(), lines.ToHashSet());
        var keyFiles = Directory.GetFiles(ssh.KeysDirectory).Where(f => !Path.GetFileName(f).StartsWith('.')).ToList();
        Assert.All(keyFiles, file => OpenSshPublicKey.Parse(TempSshDirectory.KeyLineOf(File.ReadAllText(file).TrimEnd('\n'))));
        Assert.All(acknowledged, key => Assert.Contains(
            Path.Combine(ssh.KeysDirectory, ManagedKeyFiles.NameOf(OpenSshPublicKey.Parse(key))), keyFiles));
        Assert.Equal(lines.Length, await ssh.KeysSshKeygenListsAsync());

        await using var restarted = await ServerProcess.StartAsync(ssh.Path);
        var afterRestart = TestKeys.Ed25519("after-restart");
        using var response = await restarted.PostKeyFileAsync(afterRestart + "\n");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(afterRestart, ssh.KeyLines());
        Assert.Empty(Directory.GetFiles(ssh.Path, ".*.tmp", SearchOption.AllDirectories));
    }
}
