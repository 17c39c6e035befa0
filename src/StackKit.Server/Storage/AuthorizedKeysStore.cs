using System.Text;
using StackKit.Keys;

namespace StackKit.Server.Storage;

/// <summary>
/// Owns the keys the service writes to <c>authorized_keys</c> and <c>authorized_keys.d/</c> in one <c>.ssh</c>
/// directory: adds each key once, durably, serialized across threads (<see cref="KeyWriteQueue"/>) and processes
/// (<see cref="SshDirectoryLock"/>), and, for the fleet's key table, makes the keys it manages equal to a given set. It
/// never loses or reverts what other writers put there. Each line carries its key's expiry (<c>expiry-time</c>, so sshd
/// refuses the key on time whatever else happens) and, unless forwarding is allowed, <c>restrict,pty</c>
/// (<see cref="AuthorizedKeyLine"/>).
/// </summary>
/// <remarks>
/// A key is <em>managed</em> when its file in <see cref="ManagedKeyFiles"/> exists; the line it manages in
/// <c>authorized_keys</c> is that file's line, byte for byte. A key is added once: adding it again replaces its line only
/// when the new one lets it in longer, and a sync replaces it whenever the table's grant differs. Every other line (the key pair's, hand-added ones, other
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
    public AuthorizedKeysStore(string sshDirectory, int maxKeys = DefaultMaxKeys, long maxFileBytes = DefaultMaxFileBytes, bool allowForwarding = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(sshDirectory);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxKeys);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxFileBytes);
        // Without its trailing slash: lstat and O_NOFOLLOW follow a symlink named "link/", so the refusal would not see it.
        SshDirectory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(sshDirectory));
        MaxKeys = maxKeys;
        MaxFileBytes = maxFileBytes;
        AllowForwarding = allowForwarding;
        file = new AuthorizedKeysFile(Path.Combine(SshDirectory, AuthorizedKeysFileName));
        keyFiles = new ManagedKeyFiles(Path.Combine(SshDirectory, KeysDirectoryName));
        directoryLock = new SshDirectoryLock(SshDirectory, keyFiles.Directory);
        writes = new KeyWriteQueue(grants => Locked(() => AddKeys(grants, file.Read())), request => Locked(() => Sync(request)));
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

    /// <summary>Whether lines go without <see cref="AuthorizedKeyLine.Restrictions"/>, forwarding allowed.</summary>
    public bool AllowForwarding { get; }

    /// <summary>
    /// Adds the key until <paramref name="expiresAt"/> (null: it never expires) unless <c>authorized_keys</c> already
    /// holds it; completes once it is durable in both places. A managed key already there gets the new line when that
    /// lets it in longer. A comment line does not count as holding a key; a line with options that the store did not
    /// write holds it, but restricted.
    /// </summary>
    public Task<KeyAddOutcome> AddAsync(OpenSshPublicKey key, DateTimeOffset? expiresAt)
    {
        ArgumentNullException.ThrowIfNull(key);
        return writes.AddAsync(new KeyGrant(key, expiresAt));
    }

    /// <summary>
    /// Makes the managed keys equal to <paramref name="grants"/>: adds those <c>authorized_keys</c> does not hold (as
    /// <see cref="AddAsync"/> would, caps included), replaces a managed line that differs from its grant, and takes away
    /// each managed key whose fingerprint is not in <paramref name="keep"/> or whose line has expired at
    /// <paramref name="now"/>. <paramref name="keep"/> holds every fingerprint the store knows of, also those of items
    /// it could not read as keys: a key is only taken away when it is really gone, or over.
    /// </summary>
    public Task<KeySyncResult> SyncAsync(IReadOnlyList<KeyGrant> grants, IReadOnlySet<string> keep, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(grants);
        ArgumentNullException.ThrowIfNull(keep);
        return writes.SyncAsync(new KeySyncRequest(grants, keep, now));
    }

    /// <summary>Takes away the managed keys whose line has expired at <paramref name="now"/> (or carries an expiry it cannot read).</summary>
    public Task<KeySyncResult> RemoveExpiredAsync(DateTimeOffset now) => writes.SyncAsync(new KeySyncRequest([], null, now));

    /// <summary>What <see cref="AddAsync"/> would do with the key now (<see cref="KeyAddOutcome.Added"/>: it would add it); writes nothing.</summary>
    public KeyAddOutcome Preview(OpenSshPublicKey key, DateTimeOffset? expiresAt)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Plan([new KeyGrant(key, expiresAt)], file.Read()).Outcomes[0];
    }

    /// <summary>The line written for <paramref name="grant"/>.</summary>
    public string LineOf(KeyGrant grant) => AuthorizedKeyLine.Format(grant.Key, grant.ExpiresAt, AllowForwarding);

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

    /// <summary>
    /// Writes the keys that are new (key files first, then the lines), after taking away the managed lines their grants
    /// outlast; returns, for each, what was done.
    /// </summary>
    private KeyAddOutcome[] AddKeys(List<KeyGrant> grants, AuthorizedKeysFile.Snapshot current)
    {
        var outlasted = grants
            .Where(grant => ManagedLine(grant.Key, current) is { } line && line != LineOf(grant) && grant.OutlastsExpiry(ExpiryOf(line)))
            .Select(grant => ManagedKeyFiles.NameOf(grant.Key))
            .ToList();
        if (outlasted.Count > 0)
        {
            current = Revoke(outlasted, current);
        }

        var plan = Plan(grants, current);
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

    private KeySyncResult Sync(KeySyncRequest request)
    {
        var current = file.Read();
        var kept = request.Keep?.Select(ManagedKeyFiles.NameOf).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var granted = request.Grants.ToDictionary(grant => ManagedKeyFiles.NameOf(grant.Key), LineOf, StringComparer.Ordinal);
        var revoked = keyFiles.Names().Where(name =>
        {
            var line = keyFiles.LineOf(name);
            return (kept is not null && !kept.Contains(name))
                || (line is not null && (IsOver(line, request.Now) || (granted.TryGetValue(name, out var wanted) && wanted != line)));
        }).ToList();
        var removed = 0;
        if (revoked.Count > 0)
        {
            var before = keyFiles.Names().Count;
            current = Revoke(revoked, current);
            removed = before - keyFiles.Names().Count;
        }

        var outcomes = AddKeys([.. request.Grants], current);
        return new KeySyncResult(outcomes.Count(o => o == KeyAddOutcome.Added), removed, outcomes.Count(o => o == KeyAddOutcome.Full));
    }

    /// <summary>Takes the managed keys' lines out of authorized_keys, then their files; returns the file as it is then.</summary>
    private AuthorizedKeysFile.Snapshot Revoke(List<string> names, AuthorizedKeysFile.Snapshot current)
    {
        var lines = names.Select(keyFiles.LineOf).OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (!file.TryRemove(current.Content, lines))
        {
            // Someone changed the file while it was being rewritten: try again next time, from what they wrote.
            return current;
        }

        // The lines go before their key files: a managed key always has its file until its line is gone.
        keyFiles.Delete(names.Select(name => Path.Combine(KeysDirectory, name)));
        return file.Read();
    }

    /// <summary>The line the store manages for <paramref name="key"/> in <paramref name="current"/>, or null when it manages none there.</summary>
    private string? ManagedLine(OpenSshPublicKey key, AuthorizedKeysFile.Snapshot current) =>
        File.Exists(keyFiles.PathOf(key)) && keyFiles.LineOf(ManagedKeyFiles.NameOf(key)) is { } line && current.Blobs.HasLine(line) ? line : null;

    // A line whose expiry cannot be read counts as expired: a broken expiry fails closed.
    private static DateTimeOffset? ExpiryOf(string line) =>
        AuthorizedKeyLine.TryReadExpiry(line, out var expiresAt) ? expiresAt : DateTimeOffset.UnixEpoch;

    private static bool IsOver(string line, DateTimeOffset now) => ExpiryOf(line) is { } at && at <= now;

    /// <summary>
    /// Which keys are new to authorized_keys and fit under the caps (adding them to <paramref name="current"/>'s
    /// blobs), their lines, and the key files to write (unless a killed writer left them already, with the same line).
    /// </summary>
    private WritePlan Plan(List<KeyGrant> grants, AuthorizedKeysFile.Snapshot current)
    {
        var outcomes = new KeyAddOutcome[grants.Count];
        var lines = new List<byte[]>();
        var newKeyFiles = new List<(string Path, byte[] Line)>();
        var count = current.Blobs.Count;
        var size = current.Content.Length + 1L;
        for (var i = 0; i < grants.Count; i++)
        {
            var key = grants[i].Key;
            var text = LineOf(grants[i]);
            var line = Encoding.UTF8.GetBytes(text + "\n");
            if (ManagedLine(key, current) is { } managed)
            {
                // Its own line, restricted or not: here already, or (previewed) to be replaced by a longer grant.
                outcomes[i] = managed != text && grants[i].OutlastsExpiry(ExpiryOf(managed)) ? KeyAddOutcome.Added : KeyAddOutcome.AlreadyPresent;
                continue;
            }

            outcomes[i] = current.Blobs.Find(key.Blob)
                ?? (count >= MaxKeys || size + line.Length > MaxFileBytes ? KeyAddOutcome.Full : KeyAddOutcome.Added);
            if (outcomes[i] != KeyAddOutcome.Added)
            {
                continue;
            }

            current.Blobs.Add(key.Blob);
            count++;
            size += line.Length;
            lines.Add(line);
            var keyFile = keyFiles.PathOf(key);
            // A killed writer may have left the file, with this line or an older grant's.
            if (!File.Exists(keyFile) || keyFiles.LineOf(ManagedKeyFiles.NameOf(key)) != text)
            {
                newKeyFiles.Add((keyFile, line));
            }
        }

        return new WritePlan(outcomes, lines, newKeyFiles);
    }

    private sealed record WritePlan(KeyAddOutcome[] Outcomes, List<byte[]> Lines, List<(string Path, byte[] Line)> KeyFiles);
}
