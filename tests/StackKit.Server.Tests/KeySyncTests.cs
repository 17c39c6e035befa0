using StackKit.Keys;
using StackKit.Server.Storage;
using StackKit.Server.Tests.Support;

namespace StackKit.Server.Tests;

/// <summary>The store's half of fleet mode: the managed keys made equal to the table's, and nothing else touched.</summary>
public sealed class KeySyncTests : IDisposable
{
    private readonly TempSshDirectory ssh = new();

    public void Dispose() => ssh.Dispose();

    [Fact]
    public async Task Sync_adds_the_tables_keys_and_takes_away_managed_keys_it_no_longer_holds_and_nothing_else()
    {
        var keyPair = TestKeys.Ed25519("ec2 key pair");
        var byHand = TestKeys.Rsa(2048, "added by hand");
        var restricted = OpenSshPublicKey.Parse(TestKeys.Ed25519("restricted by the administrator"));
        var foreign = $"{keyPair}\n# a comment line\n{byHand}\nfrom=\"10.0.0.0/8\" {restricted.Line}\n";
        Directory.CreateDirectory(ssh.Path);
        await File.WriteAllTextAsync(ssh.AuthorizedKeys, foreign);
        var store = new AuthorizedKeysStore(ssh.Path, allowForwarding: true);
        var kept = OpenSshPublicKey.Parse(TestKeys.Ed25519("kept"));
        var revoked = OpenSshPublicKey.Parse(TestKeys.Ed25519("revoked"));
        var alsoInTable = OpenSshPublicKey.Parse(keyPair);

        var first = await store.SyncAsync([kept, revoked, alsoInTable, restricted], Fingerprints(kept, revoked, alsoInTable, restricted));
        var second = await store.SyncAsync([kept], Fingerprints(kept));

        Assert.Equal(new KeySyncResult(2, 0, 0), first);
        Assert.Equal(new KeySyncResult(0, 1, 0), second);
        Assert.Equal(foreign + kept.Line + "\n", await File.ReadAllTextAsync(ssh.AuthorizedKeys));
        Assert.Equal([Path.Combine(ssh.KeysDirectory, ManagedKeyFiles.NameOf(kept))], Directory.GetFiles(ssh.KeysDirectory));
    }

    [Fact]
    public async Task A_managed_line_an_administrator_edited_is_theirs_and_stays_when_the_key_is_taken_away()
    {
        var store = new AuthorizedKeysStore(ssh.Path, allowForwarding: true);
        var key = OpenSshPublicKey.Parse(TestKeys.Ed25519("edited"));
        await store.SyncAsync([key], Fingerprints(key));
        var edited = $"restrict {key.Line}\n";
        await File.WriteAllTextAsync(ssh.AuthorizedKeys, edited);

        var result = await store.SyncAsync([], Fingerprints());

        Assert.Equal(1, result.Removed);
        Assert.Equal(edited, await File.ReadAllTextAsync(ssh.AuthorizedKeys));
        Assert.Empty(Directory.GetFiles(ssh.KeysDirectory));
    }

    [Fact]
    public async Task A_key_whose_item_is_present_but_unreadable_is_not_taken_away()
    {
        var store = new AuthorizedKeysStore(ssh.Path, allowForwarding: true);
        var key = OpenSshPublicKey.Parse(TestKeys.Ed25519());
        await store.SyncAsync([key], Fingerprints(key));

        var result = await store.SyncAsync([], Fingerprints(key));

        Assert.Equal(new KeySyncResult(0, 0, 0), result);
        Assert.Equal([key.Line], ssh.AuthorizedKeyLines());
    }

    [Fact]
    public async Task A_sync_with_nothing_to_change_writes_nothing()
    {
        var store = new AuthorizedKeysStore(ssh.Path, allowForwarding: true);
        var key = OpenSshPublicKey.Parse(TestKeys.Ed25519());
        await store.SyncAsync([key], Fingerprints(key));
        var before = await StatAsync();
        await Task.Delay(20);

        for (var i = 0; i < 5; i++)
        {
            Assert.True((await store.SyncAsync([key], Fingerprints(key))).Unchanged);
        }

        Assert.Equal(before, await StatAsync());
    }

    [Fact]
    public async Task Lines_appended_with_shell_redirection_survive_syncs_that_rewrite_the_file()
    {
        var store = new AuthorizedKeysStore(ssh.Path, allowForwarding: true);
        var key = OpenSshPublicKey.Parse(TestKeys.Ed25519("comes and goes"));
        await store.SyncAsync([key], Fingerprints(key));
        var appended = Enumerable.Range(0, 200).Select(i => TestKeys.Ed25519($"shell{i}")).ToList();
        var shell = Tool.RunAsync("bash", ["-c", string.Join('\n', appended.Select(line => $"/bin/echo '{line}' >> '{ssh.AuthorizedKeys}'; sleep 0.002"))]);

        var rewrites = 0;
        while (!shell.IsCompleted)
        {
            rewrites += (await store.SyncAsync([], Fingerprints())).Removed;
            await store.SyncAsync([key], Fingerprints(key));
        }

        await shell;
        await store.SyncAsync([key], Fingerprints(key));   // the last carry-over
        Assert.True(rewrites > 10, $"only {rewrites} rewrites ran while the shell appended");
        Assert.Empty(appended.Except(ssh.AuthorizedKeyLines()));
    }

    [Fact]
    public async Task Removing_expired_keys_takes_only_the_managed_lines_whose_time_is_over()
    {
        var store = new AuthorizedKeysStore(ssh.Path);
        var now = DateTimeOffset.UtcNow;
        var over = OpenSshPublicKey.Parse(TestKeys.Ed25519("over"));
        var valid = OpenSshPublicKey.Parse(TestKeys.Ed25519("valid"));
        var forever = OpenSshPublicKey.Parse(TestKeys.Ed25519("forever"));
        var handAdded = TestKeys.Ed25519("hand-added with an old expiry");
        await store.AddAsync(over, now.AddSeconds(-1));
        await store.AddAsync(valid, now.AddMinutes(5));
        await store.AddAsync(forever, null);
        File.AppendAllText(ssh.AuthorizedKeys, "expiry-time=\"20200101\" " + handAdded + "\n");

        var result = await store.RemoveExpiredAsync(now);

        Assert.Equal(new KeySyncResult(0, 1, 0), result);
        Assert.Equal([valid.Line, forever.Line, handAdded], ssh.KeyLines());
        Assert.Equal(2, Directory.GetFiles(ssh.KeysDirectory).Length);
    }

    private static HashSet<string> Fingerprints(params OpenSshPublicKey[] keys) => keys.Select(k => k.Fingerprint).ToHashSet();

    private async Task<string> StatAsync()
    {
        var (exitCode, output) = await Tool.RunAsync("stat", ["-c", "%i %y %z %s", ssh.AuthorizedKeys, ssh.KeysDirectory]);
        Assert.True(exitCode == 0, output);
        return output;
    }
}
