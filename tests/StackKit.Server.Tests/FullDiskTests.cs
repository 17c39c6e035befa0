using System.Net;
using StackKit.Keys;
using StackKit.Server.Storage;
using StackKit.Server.Tests.Support;

namespace StackKit.Server.Tests;

/// <summary>A full disk: the server process runs in a private mount namespace whose home is a 64 KiB tmpfs.</summary>
public sealed class FullDiskTests : IDisposable
{
    private readonly TempSshDirectory ssh = new();

    public void Dispose() => ssh.Dispose();

    [Fact]
    public async Task A_full_disk_answers_507_and_leaves_no_temp_file_and_no_key_file_for_a_key_not_answered_200()
    {
        await using var server = await ServerProcess.StartAsync(ssh.Path, wrapper:
            ["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs \"$0\" && exec \"$@\"", ssh.Home]);
        // The test sees the tmpfs through the server's own root.
        var root = $"/proc/{server.ProcessId}/root";
        var added = new List<string>();
        HttpStatusCode status;
        string text;
        do
        {
            var key = TestKeys.Rsa(4096, $"fills the disk {added.Count}");
            using var response = await server.PostKeyFileAsync(key + "\n");
            (status, text) = (response.StatusCode, await response.Content.ReadAsStringAsync());
            if (status == HttpStatusCode.OK)
            {
                added.Add(key);
            }
        }
        while (status == HttpStatusCode.OK && added.Count < 100);

        Assert.Equal(HttpStatusCode.InsufficientStorage, status);
        Assert.Contains("No space left", text, StringComparison.Ordinal);
        Assert.NotEmpty(added);
        var sshInside = root + ssh.Path;
        Assert.Equal(added, File.ReadAllLines(Path.Combine(sshInside, "authorized_keys")).Select(TempSshDirectory.KeyLineOf));
        Assert.Empty(Directory.GetFiles(sshInside, "*.tmp", SearchOption.AllDirectories));
        Assert.Equal(
            added.Select(key => ManagedKeyFiles.NameOf(OpenSshPublicKey.Parse(key))).Order(),
            Directory.GetFiles(Path.Combine(sshInside, "authorized_keys.d")).Select(Path.GetFileName).Order());
    }
}
