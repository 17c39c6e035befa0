using System.Net;
using StackKit.Keys;
using StackKit.Server.Storage;
using StackKit.Server.Tests.Support;

namespace StackKit.Server.Tests;

/// <summary>End to end: keys sent to the real host, then a real sshd reading what it wrote, and `ssh -i` logging in.</summary>
public sealed class SshLoginTests : IDisposable
{
    private readonly TempSshDirectory ssh = new();
    private readonly string clientKeys = Directory.CreateTempSubdirectory("stackkit-client-").FullName;

    public void Dispose()
    {
        ssh.Dispose();
        Directory.Delete(clientKeys, recursive: true);
    }

    [Fact]
    public async Task An_injected_key_logs_in_and_a_rejected_one_does_not()
    {
        var injected = await Tool.GenerateKeyPairAsync(clientKeys, "injected");
        var rejected = await Tool.GenerateKeyPairAsync(clientKeys, "rejected");
        var rejectedLine = File.ReadAllText(rejected + ".pub");
        await using (var server = await ServerProcess.StartAsync(ssh.Path))
        {
            Assert.Equal(HttpStatusCode.OK, await PostKeyFileAsync(server, File.ReadAllText(injected + ".pub")));
            Assert.Equal(HttpStatusCode.BadRequest, await PostKeyFileAsync(server, "no-pty " + rejectedLine));
            Assert.Equal(HttpStatusCode.BadRequest, await PostKeyFileAsync(server, File.ReadAllText(injected + ".pub") + rejectedLine));
        }

        await using var sshd = await Sshd.StartAsync(ssh.AuthorizedKeys);
        var (loginExit, loginOutput) = await sshd.LoginAsync(injected);
        var (refusedExit, refusedOutput) = await sshd.LoginAsync(rejected);

        Assert.True(loginExit == 0, loginOutput);
        Assert.Contains("logged-in", loginOutput, StringComparison.Ordinal);
        Assert.NotEqual(0, refusedExit);
        Assert.Contains("Permission denied", refusedOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_key_file_in_authorized_keys_d_is_one_sshd_accepts()
    {
        var injected = await Tool.GenerateKeyPairAsync(clientKeys, "injected");
        var keyLine = File.ReadAllText(injected + ".pub");
        await using (var server = await ServerProcess.StartAsync(ssh.Path))
        {
            Assert.Equal(HttpStatusCode.OK, await PostKeyFileAsync(server, keyLine));
        }

        var keyFile = Path.Combine(ssh.KeysDirectory, ManagedKeyFiles.NameOf(OpenSshPublicKey.Parse(keyLine.TrimEnd('\n'))));
        await using var sshd = await Sshd.StartAsync(keyFile);
        var (exitCode, output) = await sshd.LoginAsync(injected);

        Assert.True(exitCode == 0, output);
    }

    private static async Task<HttpStatusCode> PostKeyFileAsync(ServerProcess server, string keyFile)
    {
        using var response = await server.PostKeyFileAsync(keyFile);
        return response.StatusCode;
    }
}
