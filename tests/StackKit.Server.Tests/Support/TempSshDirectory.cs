namespace StackKit.Server.Tests.Support;

/// <summary>A fresh home directory per test; <see cref="Path"/> is its <c>.ssh</c>, not created yet.</summary>
internal sealed class TempSshDirectory : IDisposable
{
    public TempSshDirectory()
    {
        Home = Directory.CreateTempSubdirectory("stackkit-server-").FullName;
        Path = System.IO.Path.Combine(Home, ".ssh");
    }

    public string Home { get; }

    public string Path { get; }

    public string AuthorizedKeys => System.IO.Path.Combine(Path, "authorized_keys");

    public string KeysDirectory => System.IO.Path.Combine(Path, "authorized_keys.d");

    /// <summary>
    /// Every file under .ssh with its bytes, to show that a rejected request changed nothing. The store's lock file
    /// (always empty) only by name: .NET's read would take a shared flock, which fails while a server holds the lock.
    /// </summary>
    public Dictionary<string, string> Snapshot() =>
        Directory.Exists(Path)
            ? Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories)
                .ToDictionary(file => file, file => System.IO.Path.GetFileName(file) == ".authorized_keys.lock"
                    ? "lock file"
                    : Convert.ToBase64String(File.ReadAllBytes(file)))
            : [];

    public string[] AuthorizedKeyLines() => File.ReadAllLines(AuthorizedKeys);

    /// <summary>The lines of authorized_keys without the options the service writes before a key: which keys are there.</summary>
    public string[] KeyLines() => AuthorizedKeyLines().Select(KeyLineOf).ToArray();

    /// <summary>The key line of an authorized_keys line the service wrote (restrict,pty and expiry-time dropped); any other line as it is.</summary>
    public static string KeyLineOf(string line) =>
        line.StartsWith("restrict,pty", StringComparison.Ordinal) || line.StartsWith("expiry-time=", StringComparison.Ordinal) ? line[(line.IndexOf(' ', StringComparison.Ordinal) + 1)..] : line;

    /// <summary>How many keys `ssh-keygen -l` lists from authorized_keys; fails the test if it cannot read it all.</summary>
    public async Task<int> KeysSshKeygenListsAsync()
    {
        var (exitCode, listing) = await Tool.RunAsync("ssh-keygen", ["-l", "-f", AuthorizedKeys]);
        Assert.True(exitCode == 0, listing);
        return listing.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
    }

    public void Dispose() => Directory.Delete(Home, recursive: true);
}
