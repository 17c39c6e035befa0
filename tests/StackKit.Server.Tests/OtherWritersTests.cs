using StackKit.Keys;
using StackKit.Server.Storage;
using StackKit.Server.Tests.Support;

namespace StackKit.Server.Tests;

/// <summary>Other writers of authorized_keys (ssh-copy-id, `>>`, an administrator's editor) never lose their work.</summary>
public sealed class OtherWritersTests : IDisposable
{
    private readonly TempSshDirectory ssh = new();

    public void Dispose() => ssh.Dispose();

    [Fact]
    public async Task Lines_appended_with_shell_redirection_while_the_store_writes_are_never_lost()
    {
        Directory.CreateDirectory(ssh.Path);
        var store = new AuthorizedKeysStore(ssh.Path, allowForwarding: true);
        var keys = Enumerable.Range(0, 300).Select(i => OpenSshPublicKey.Parse(TestKeys.Ed25519($"store{i}"))).ToList();
        var appended = Enumerable.Range(0, 300).Select(i => TestKeys.Ed25519($"shell{i}")).ToList();
        // Each append a process of its own, spread over the store's writes, as ssh-copy-id runs would be.
        var scripts = appended.Chunk(100).Select(chunk =>
            string.Join('\n', chunk.Select(line => $"/bin/echo '{line}' >> '{ssh.AuthorizedKeys}'; sleep 0.005")));

        var shells = scripts.Select(script => Tool.RunAsync("bash", ["-c", script])).ToList();
        foreach (var key in keys)
        {
            await store.AddAsync(key);
        }

        await Task.WhenAll(shells);

        var lines = ssh.AuthorizedKeyLines();
        Assert.Empty(appended.Except(lines));
        Assert.Empty(keys.Select(k => k.Line).Except(lines));
        Assert.Equal(600, lines.Length);
    }

    [Fact]
    public async Task An_outside_edit_that_keeps_size_and_mtime_is_seen_and_never_reverted()
    {
        var store = new AuthorizedKeysStore(ssh.Path, allowForwarding: true);
        var first = OpenSshPublicKey.Parse(TestKeys.Ed25519("first"));
        await store.AddAsync(first);
        var mtime = File.GetLastWriteTimeUtc(ssh.AuthorizedKeys);
        // The administrator swaps the key for another of the same length, in place, and the mtime is put back
        // (as cp -p, rsync or tar would).
        var replacement = TestKeys.Ed25519("third");
        await File.WriteAllTextAsync(ssh.AuthorizedKeys, replacement + "\n");
        File.SetLastWriteTimeUtc(ssh.AuthorizedKeys, mtime);

        var outcome = await store.AddAsync(first);
        await store.AddAsync(OpenSshPublicKey.Parse(TestKeys.Ed25519("second")));

        Assert.Equal(KeyAddOutcome.Added, outcome);
        var lines = ssh.AuthorizedKeyLines();
        Assert.Equal(replacement, lines[0]);
        Assert.Equal(first.Line, lines[1]);
        Assert.Equal(3, lines.Length);
    }

    [Fact]
    public async Task A_failed_write_leaves_no_temp_file_and_no_key_file_for_the_keys_it_did_not_add()
    {
        var store = new AuthorizedKeysStore(ssh.Path, allowForwarding: true);
        await store.AddAsync(OpenSshPublicKey.Parse(TestKeys.Ed25519("before")));
        var before = ssh.Snapshot();
        // Immutable (chattr +i): even root cannot write or replace it, as with a read-only or failing disk.
        await ChattrAsync("+i");
        try
        {
            var keys = Enumerable.Range(0, 5).Select(i => OpenSshPublicKey.Parse(TestKeys.Ed25519($"failed{i}"))).ToList();

            var attempts = keys.Select(key => Task.Run(() => store.AddAsync(key))).ToList();
            foreach (var attempt in attempts)
            {
                await Assert.ThrowsAnyAsync<Exception>(() => attempt);
            }
        }
        finally
        {
            await ChattrAsync("-i");
        }

        Assert.Equal(before, ssh.Snapshot());
    }

    [Fact]
    public async Task Keys_over_the_cap_are_refused_as_full_and_nothing_is_written()
    {
        var store = new AuthorizedKeysStore(ssh.Path, maxKeys: 3, maxFileBytes: 1024 * 1024, allowForwarding: true);
        Directory.CreateDirectory(ssh.Path);
        await File.WriteAllTextAsync(ssh.AuthorizedKeys, TestKeys.Ed25519("by hand") + "\n");
        Assert.Equal(KeyAddOutcome.Added, await store.AddAsync(OpenSshPublicKey.Parse(TestKeys.Ed25519("one"))));
        Assert.Equal(KeyAddOutcome.Added, await store.AddAsync(OpenSshPublicKey.Parse(TestKeys.Ed25519("two"))));
        var before = ssh.Snapshot();

        var outcome = await store.AddAsync(OpenSshPublicKey.Parse(TestKeys.Ed25519("three")));

        Assert.Equal(KeyAddOutcome.Full, outcome);
        Assert.Equal(before, ssh.Snapshot());
    }

    [Fact]
    public async Task A_key_that_would_take_the_file_over_its_size_cap_is_refused_as_full()
    {
        var small = OpenSshPublicKey.Parse(TestKeys.Ed25519("small"));
        var store = new AuthorizedKeysStore(ssh.Path, maxKeys: 100, maxFileBytes: small.Line.Length + 10, allowForwarding: true);
        Assert.Equal(KeyAddOutcome.Added, await store.AddAsync(small));
        var before = ssh.Snapshot();

        var outcome = await store.AddAsync(OpenSshPublicKey.Parse(TestKeys.Rsa(2048)));

        Assert.Equal(KeyAddOutcome.Full, outcome);
        Assert.Equal(before, ssh.Snapshot());
    }

    private async Task ChattrAsync(string flag)
    {
        var (exitCode, output) = await Tool.RunAsync("chattr", [flag, ssh.AuthorizedKeys]);
        Assert.True(exitCode == 0, output);
    }
}
