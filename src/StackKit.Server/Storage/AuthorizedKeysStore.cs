using System.Text;
using StackKit.Keys;

namespace StackKit.Server.Storage;

/// <summary>
/// Owns the keys the service writes to <c>authorized_keys</c> and <c>authorized_keys.d/</c> in one <c>.ssh</c>
/// directory: adds each key once, durably, serialized across threads (<see cref="KeyWriteQueue"/>) and processes
/// (<see cref="SshDirectoryLock"/>), and, for the fleet's key table, makes the keys it manages equal to a given set. It
/// never loses or reverts what other writers put there.
/// </summary>
/// <remarks>
/// A key is <em>managed</em> when its file in <see cref="ManagedKeyFiles"/> exists; the line it manages in
/// <c>authorized_keys</c> is that file's line, byte for byte. Every other line (the key pair's, hand-added ones, other
/// tools', a managed line an administrator edited) is never touched. How the file itself is changed is
/// <see cref="AuthorizedKeysFile"/>'s.
/// </remarks>
internal sealed class AuthorizedKeysStore
{
    /// <summary>The file sshd reads by default.</summary>
    public const string AuthorizedKeysFileName = "authorized_keys";

    /// <summary>The directory holding one file per key, named from its fingerprint.</summary>
    public const string KeysDirectoryName = "authorized_keys.d";

    /// <summary>The most keys <c>authorized_keys</c> may hold before adds are refused, unless configured otherwise.</summary>
    public const int DefaultMaxKeys = 2000;

    /// <summary>The largest <c>authorized_keys</c> adds may produce, in bytes, unless configured otherwise.</summary>
    public const long DefaultMaxFileBytes = 4 * 1024 * 1024;

    private readonly AuthorizedKeysFile file;
    private readonly ManagedKeyFiles keyFiles;
    private readonly SshDirectoryLock directoryLock;
    private readonly KeyWriteQueue writes;
    private bool cleanedUp;

    /// <summary>Creates a store for the given <c>.ssh</c> directory (created with mode 0700 on first write).</summary>
    public AuthorizedKeysStore(string sshDirectory, int maxKeys = DefaultMaxKeys, long maxFileBytes = DefaultMaxFileBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(sshDirectory);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxKeys);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxFileBytes);
        // Without its trailing slash: lstat and O_NOFOLLOW follow a symlink named "link/", so the refusal would not see it.
        SshDirectory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(sshDirectory));
        MaxKeys = maxKeys;
        MaxFileBytes = maxFileBytes;
        file = new AuthorizedKeysFile(Path.Combine(SshDirectory, AuthorizedKeysFileName));
        keyFiles = new ManagedKeyFiles(Path.Combine(SshDirectory, KeysDirectoryName));
        directoryLock = new SshDirectoryLock(SshDirectory, keyFiles.Directory);
        writes = new KeyWriteQueue(keys => Locked(() => AddKeys(keys, file.Read())), (keys, keep) => Locked(() => Sync(keys, keep)));
    }

    /// <summary>The <c>.ssh</c> directory written.</summary>
    public string SshDirectory { get; }

    /// <summary>The full path of <c>authorized_keys</c>.</summary>
    public string AuthorizedKeysPath => file.Path;

    /// <summary>The full path of <c>authorized_keys.d</c>.</summary>
    public string KeysDirectory => keyFiles.Directory;

    /// <summary>The most keys (lines naming a key) <c>authorized_keys</c> may hold; adds beyond are <see cref="KeyAddOutcome.Full"/>.</summary>
    public int MaxKeys { get; }

    /// <summary>The largest size adds may take <c>authorized_keys</c> to, in bytes.</summary>
    public long MaxFileBytes { get; }

    /// <summary>
    /// Adds the key unless <c>authorized_keys</c> already holds it; completes once it is durable in both places.
    /// A comment line does not count as holding a key; a line with options holds it, but restricted.
    /// </summary>
    public Task<KeyAddOutcome> AddAsync(OpenSshPublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return writes.AddAsync(key);
    }

    /// <summary>
    /// Makes the managed keys equal to <paramref name="keys"/>: adds those <c>authorized_keys</c> does not hold (as
    /// <see cref="AddAsync"/> would, caps included), and takes away each managed key whose fingerprint is not in
    /// <paramref name="keep"/>. <paramref name="keep"/> holds every fingerprint the store knows of, also those of items
    /// it could not read as keys: a key is only taken away when it is really gone.
    /// </summary>
    public Task<KeySyncResult> SyncAsync(IReadOnlyList<OpenSshPublicKey> keys, IReadOnlySet<string> keep)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(keep);
        return writes.SyncAsync(keys, keep);
    }

    /// <summary>What <see cref="AddAsync"/> would do with the key now (<see cref="KeyAddOutcome.Added"/>: it would add it); writes nothing.</summary>
    public KeyAddOutcome Preview(OpenSshPublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Plan([key], file.Read()).Outcomes[0];
    }

    /// <summary>Runs <paramref name="work"/> under the directory's lock, after what a previous writer left to finish.</summary>
    private T Locked<T>(Func<T> work) => directoryLock.Run(() =>
    {
        if (!cleanedUp)
        {
            file.DeleteAbandonedTemps();
            keyFiles.DeleteAbandonedTemps();
            cleanedUp = true;
        }

        file.CarryOverLateAppends();
        return work();
    });

    /// <summary>Writes the keys that are new (key files first, then the lines); returns, for each, what was done.</summary>
    private KeyAddOutcome[] AddKeys(List<OpenSshPublicKey> keys, AuthorizedKeysFile.Snapshot current)
    {
        var plan = Plan(keys, current);
        if (plan.Lines.Count == 0)
        {
            return plan.Outcomes;
        }

        // Key files are durable before authorized_keys names their keys: a key in authorized_keys always has its
        // file, so a key found there never needs one (and a key restricted there by hand never gets an unrestricted
        // copy).
        var written = keyFiles.Write(plan.KeyFiles);
        try
        {
            file.Append(current.Content, plan.Lines);
        }
        catch
        {
            // No key file for a key that was not added.
            keyFiles.Delete(written);
            throw;
        }

        return plan.Outcomes;
    }

    private KeySyncResult Sync(IReadOnlyList<OpenSshPublicKey> keys, IReadOnlySet<string> keep)
    {
        var current = file.Read();
        var kept = keep.Select(ManagedKeyFiles.NameOf).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var revoked = keyFiles.Names().Where(name => !kept.Contains(name)).ToList();
        if (revoked.Count > 0)
        {
            var lines = revoked.Select(keyFiles.LineOf).OfType<string>().ToHashSet(StringComparer.Ordinal);
            if (!file.TryRemove(current.Content, lines))
            {
                // Someone changed the file while it was being rewritten: try again next time, from what they wrote.
                revoked.Clear();
            }

            // The lines go before their key files: a managed key always has its file until its line is gone.
            keyFiles.Delete(revoked.Select(name => Path.Combine(KeysDirectory, name)));
            current = file.Read();
        }

        var outcomes = AddKeys([.. keys], current);
        return new KeySyncResult(
            outcomes.Count(o => o == KeyAddOutcome.Added), revoked.Count, outcomes.Count(o => o == KeyAddOutcome.Full));
    }

    /// <summary>
    /// Which keys are new to authorized_keys and fit under the caps (adding them to <paramref name="current"/>'s
    /// blobs), their lines, and the key files to write (unless a killed writer left them already).
    /// </summary>
    private WritePlan Plan(List<OpenSshPublicKey> keys, AuthorizedKeysFile.Snapshot current)
    {
        var outcomes = new KeyAddOutcome[keys.Count];
        var lines = new List<byte[]>();
        var newKeyFiles = new List<(string Path, byte[] Line)>();
        var count = current.Blobs.Count;
        var size = current.Content.Length + 1L;
        for (var i = 0; i < keys.Count; i++)
        {
            var line = Encoding.UTF8.GetBytes(keys[i].Line + "\n");
            outcomes[i] = current.Blobs.Find(keys[i].Blob)
                ?? (count >= MaxKeys || size + line.Length > MaxFileBytes ? KeyAddOutcome.Full : KeyAddOutcome.Added);
            if (outcomes[i] != KeyAddOutcome.Added)
            {
                continue;
            }

            current.Blobs.Add(keys[i].Blob);
            count++;
            size += line.Length;
            lines.Add(line);
            var keyFile = keyFiles.PathOf(keys[i]);
            if (!File.Exists(keyFile))
            {
                newKeyFiles.Add((keyFile, line));
            }
        }

        return new WritePlan(outcomes, lines, newKeyFiles);
    }

    private sealed record WritePlan(KeyAddOutcome[] Outcomes, List<byte[]> Lines, List<(string Path, byte[] Line)> KeyFiles);
}
