using StackKit.Keys;
using StackKit.Server.Storage;
using StackKit.Server.Tests.Support;

namespace StackKit.Server.Tests;

public sealed class AuthorizedKeysStoreTests : IDisposable
{
    private readonly TempSshDirectory ssh = new();

    public void Dispose() => ssh.Dispose();

    [Fact]
    public async Task Add_writes_the_key_to_both_places_with_owner_only_modes()
    {
        var key = OpenSshPublicKey.Parse(TestKeys.Ed25519());
        var store = new AuthorizedKeysStore(ssh.Path, allowForwarding: true);

        Assert.Equal(KeyAddOutcome.Added, await store.AddAsync(key));

        Assert.Equal([key.Line], ssh.AuthorizedKeyLines());
        var keyFile = Path.Combine(ssh.KeysDirectory, ManagedKeyFiles.NameOf(key));
        Assert.Equal(key.Line + "\n", File.ReadAllText(keyFile));
        Assert.Equal([keyFile], Directory.GetFiles(ssh.KeysDirectory));
        const UnixFileMode Directory0700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        const UnixFileMode File0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        Assert.Equal(Directory0700, File.GetUnixFileMode(ssh.Path));
        Assert.Equal(Directory0700, File.GetUnixFileMode(ssh.KeysDirectory));
        Assert.Equal(File0600, File.GetUnixFileMode(ssh.AuthorizedKeys));
        Assert.Equal(File0600, File.GetUnixFileMode(keyFile));
    }

    [Fact]
    public async Task A_key_present_on_a_plain_line_is_not_added_again_whatever_its_comment()
    {
        var line = TestKeys.Ed25519(comment: "first");
        Directory.CreateDirectory(ssh.Path);
        File.WriteAllText(ssh.AuthorizedKeys, $"{line}\n");
        var before = File.ReadAllBytes(ssh.AuthorizedKeys);
        var store = new AuthorizedKeysStore(ssh.Path, allowForwarding: true);

        var outcome = await store.AddAsync(OpenSshPublicKey.Parse(line.Replace("first", "second", StringComparison.Ordinal)));

        Assert.Equal(KeyAddOutcome.AlreadyPresent, outcome);
        Assert.Equal(before, File.ReadAllBytes(ssh.AuthorizedKeys));
        Assert.Empty(Directory.GetFiles(ssh.KeysDirectory));
    }

    [Theory]
    [InlineData("restrict,command=\"/usr/bin/backup\" ")]
    [InlineData("cert-authority ")]
    [InlineData("from=\"10.0.0.0/8\"\t")]
    public async Task A_key_present_only_with_options_is_reported_so_and_never_widened(string options)
    {
        var line = TestKeys.Ed25519(comment: "first");
        Directory.CreateDirectory(ssh.Path);
        File.WriteAllText(ssh.AuthorizedKeys, $"{options}{line}\n");
        var before = File.ReadAllBytes(ssh.AuthorizedKeys);

        var outcome = await new AuthorizedKeysStore(ssh.Path, allowForwarding: true).AddAsync(OpenSshPublicKey.Parse(line));

        Assert.Equal(KeyAddOutcome.PresentWithOptions, outcome);
        Assert.Equal(before, File.ReadAllBytes(ssh.AuthorizedKeys));
        Assert.Empty(Directory.GetFiles(ssh.KeysDirectory));
    }

    [Theory]
    [InlineData("# ")]
    [InlineData("#")]
    [InlineData("  # disabled: ")]
    public async Task A_key_only_in_a_comment_line_is_added_so_it_can_log_in(string commentPrefix)
    {
        var key = OpenSshPublicKey.Parse(TestKeys.Ed25519());
        Directory.CreateDirectory(ssh.Path);
        var commented = commentPrefix + key.Line;
        File.WriteAllText(ssh.AuthorizedKeys, commented + "\n");

        var outcome = await new AuthorizedKeysStore(ssh.Path, allowForwarding: true).AddAsync(key);

        Assert.Equal(KeyAddOutcome.Added, outcome);
        Assert.Equal([commented, key.Line], ssh.AuthorizedKeyLines());
        Assert.Equal(1, await ssh.KeysSshKeygenListsAsync());
    }

    [Fact]
    public async Task Adding_the_same_key_twice_writes_it_once()
    {
        var key = OpenSshPublicKey.Parse(TestKeys.Rsa(2048));
        var store = new AuthorizedKeysStore(ssh.Path, allowForwarding: true);

        var results = await Task.WhenAll(store.AddAsync(key), store.AddAsync(key), store.AddAsync(key));
        var again = await store.AddAsync(key);

        Assert.Equal(1, results.Count(outcome => outcome == KeyAddOutcome.Added));
        Assert.Equal(KeyAddOutcome.AlreadyPresent, again);
        Assert.Equal([key.Line], ssh.AuthorizedKeyLines());
        Assert.Single(Directory.GetFiles(ssh.KeysDirectory));
    }

    [Fact]
    public async Task Lines_it_did_not_write_stay_byte_for_byte()
    {
        var foreign = "# managed by hand\r\n\nfrom=\"10.0.0.0/8\" " + TestKeys.Ed25519("ops") + "\n  \t odd spacing kept\n" + TestKeys.Rsa(2048);
        Directory.CreateDirectory(ssh.Path);
        File.WriteAllText(ssh.AuthorizedKeys, foreign);
        var key = OpenSshPublicKey.Parse(TestKeys.Ed25519());

        Assert.Equal(KeyAddOutcome.Added, await new AuthorizedKeysStore(ssh.Path, allowForwarding: true).AddAsync(key));

        // The last foreign line had no line break: it gets one, so the new key starts a line of its own.
        Assert.Equal(foreign + "\n" + key.Line + "\n", File.ReadAllText(ssh.AuthorizedKeys));
    }

    [Fact]
    public async Task Lines_added_by_hand_between_adds_are_kept_and_count_as_present()
    {
        var store = new AuthorizedKeysStore(ssh.Path, allowForwarding: true);
        var first = OpenSshPublicKey.Parse(TestKeys.Ed25519("first"));
        await store.AddAsync(first);
        var byHand = TestKeys.Ed25519("by-hand");
        File.AppendAllText(ssh.AuthorizedKeys, byHand + "\n");
        var second = OpenSshPublicKey.Parse(TestKeys.Ed25519("second"));

        Assert.Equal(KeyAddOutcome.Added, await store.AddAsync(second));
        Assert.Equal(KeyAddOutcome.AlreadyPresent, await store.AddAsync(OpenSshPublicKey.Parse(byHand)));

        Assert.Equal([first.Line, byHand, second.Line], ssh.AuthorizedKeyLines());
    }

    [Fact]
    public async Task A_symlinked_ssh_directory_is_refused_and_its_target_untouched()
    {
        var elsewhere = Directory.CreateDirectory(Path.Combine(ssh.Home, "elsewhere")).FullName;
        Directory.CreateSymbolicLink(ssh.Path, elsewhere);
        var store = new AuthorizedKeysStore(ssh.Path, allowForwarding: true);

        var error = await Assert.ThrowsAsync<IOException>(() => store.AddAsync(OpenSshPublicKey.Parse(TestKeys.Ed25519())));

        Assert.Contains("symbolic link", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(elsewhere));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("//")]
    public async Task A_symlinked_ssh_directory_given_with_a_trailing_slash_is_refused_and_its_target_untouched(string slash)
    {
        var elsewhere = Directory.CreateDirectory(Path.Combine(ssh.Home, "elsewhere")).FullName;
        Directory.CreateSymbolicLink(ssh.Path, elsewhere);
        var store = new AuthorizedKeysStore(ssh.Path + slash, allowForwarding: true);

        var error = await Assert.ThrowsAsync<IOException>(() => store.AddAsync(OpenSshPublicKey.Parse(TestKeys.Ed25519())));

        Assert.Contains("symbolic link", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(elsewhere));
    }

    [Fact]
    public async Task A_symlinked_authorized_keys_is_refused_and_its_target_untouched()
    {
        Directory.CreateDirectory(ssh.Path);
        var target = Path.Combine(ssh.Home, "target");
        File.WriteAllText(target, "precious\n");
        File.CreateSymbolicLink(ssh.AuthorizedKeys, target);
        var store = new AuthorizedKeysStore(ssh.Path, allowForwarding: true);

        await Assert.ThrowsAsync<IOException>(() => store.AddAsync(OpenSshPublicKey.Parse(TestKeys.Ed25519())));

        Assert.Equal("precious\n", File.ReadAllText(target));
        Assert.Equal(target, new FileInfo(ssh.AuthorizedKeys).LinkTarget);
    }

    [Fact]
    public async Task A_symlinked_authorized_keys_d_is_refused_and_nothing_is_added()
    {
        Directory.CreateDirectory(ssh.Path);
        var elsewhere = Directory.CreateDirectory(Path.Combine(ssh.Home, "elsewhere")).FullName;
        Directory.CreateSymbolicLink(ssh.KeysDirectory, elsewhere);

        await Assert.ThrowsAsync<IOException>(() => new AuthorizedKeysStore(ssh.Path, allowForwarding: true).AddAsync(OpenSshPublicKey.Parse(TestKeys.Ed25519())));

        Assert.Empty(Directory.EnumerateFileSystemEntries(elsewhere));
        Assert.False(File.Exists(ssh.AuthorizedKeys));
    }

    [Fact]
    public async Task Concurrent_adds_of_500_distinct_keys_each_land_exactly_once()
    {
        var keys = Enumerable.Range(0, 500).Select(i => OpenSshPublicKey.Parse(TestKeys.Ed25519($"key{i}"))).ToList();
        var store = new AuthorizedKeysStore(ssh.Path, allowForwarding: true);

        var results = await Task.WhenAll(keys.Select(key => Task.Run(() => store.AddAsync(key))));

        Assert.All(results, outcome => Assert.Equal(KeyAddOutcome.Added, outcome));
        Assert.Equal(keys.Select(k => k.Line).Order(), ssh.AuthorizedKeyLines().Order());
        Assert.Equal(500, Directory.GetFiles(ssh.KeysDirectory).Length);
        Assert.Equal(500, await ssh.KeysSshKeygenListsAsync());
    }

    [Fact]
    public async Task Stores_with_separate_locks_on_one_directory_serialize_their_rewrites()
    {
        // Each store opens and flocks the lock file itself, as a second process would.
        var keys = Enumerable.Range(0, 200).Select(i => OpenSshPublicKey.Parse(TestKeys.Ed25519($"key{i}"))).ToList();
        var stores = new[] { new AuthorizedKeysStore(ssh.Path, allowForwarding: true), new AuthorizedKeysStore(ssh.Path, allowForwarding: true) };

        await Task.WhenAll(keys.Select((key, i) => Task.Run(() => stores[i % 2].AddAsync(key))));

        Assert.Equal(keys.Select(k => k.Line).Order(), ssh.AuthorizedKeyLines().Order());
    }

    [Fact]
    public async Task Temp_files_a_killed_writer_left_are_removed_and_never_read_as_keys()
    {
        Directory.CreateDirectory(Path.Combine(ssh.KeysDirectory));
        var writer = Guid.NewGuid().ToString("N");
        var abandoned = Path.Combine(ssh.Path, $".authorized_keys.{writer}.tmp");
        var abandonedKeyFile = Path.Combine(ssh.KeysDirectory, $".sha256-{new string('0', 64)}.{writer}.tmp");
        File.WriteAllText(abandoned, "ssh-ed25519 AAAAC3Nz");
        File.WriteAllText(abandonedKeyFile, "ssh-ed25519 AAAAC3Nz");
        var key = OpenSshPublicKey.Parse(TestKeys.Ed25519());

        await new AuthorizedKeysStore(ssh.Path, allowForwarding: true).AddAsync(key);

        Assert.False(File.Exists(abandoned));
        Assert.False(File.Exists(abandonedKeyFile));
        Assert.Equal([key.Line], ssh.AuthorizedKeyLines());
    }

    [Fact]
    public async Task Temp_files_of_other_programs_are_left_alone()
    {
        Directory.CreateDirectory(Path.Combine(ssh.KeysDirectory));
        var writer = Guid.NewGuid().ToString("N");
        string[] foreign =
        [
            Path.Combine(ssh.Path, ".known_hosts.tmp"),
            Path.Combine(ssh.Path, $".known_hosts.{writer}.tmp"),
            Path.Combine(ssh.Path, ".authorized_keys.backup.tmp"),
            Path.Combine(ssh.Path, $".authorized_keys2.{writer}.tmp"),
            Path.Combine(ssh.KeysDirectory, $".alice.{writer}.tmp"),
            Path.Combine(ssh.KeysDirectory, $".sha256-00.{writer}.tmp"),
        ];
        foreach (var file in foreign)
        {
            File.WriteAllText(file, "someone else's work in progress");
        }

        await new AuthorizedKeysStore(ssh.Path, allowForwarding: true).AddAsync(OpenSshPublicKey.Parse(TestKeys.Ed25519()));

        Assert.All(foreign, file => Assert.Equal("someone else's work in progress", File.ReadAllText(file)));
    }
}
