using System.Security.Cryptography;
using System.Text;
using StackKit.Keys;

namespace StackKit.Server.Storage;

/// <summary>
/// Owns <c>authorized_keys</c> and <c>authorized_keys.d/</c> in one <c>.ssh</c> directory: adds each key once,
/// atomically and durably, serialized across threads (group commit) and processes (flock on a lock file).
/// </summary>
/// <remarks>
/// Concurrent adds are batched: while one rewrite runs, the next requests queue up and go into the following
/// rewrite together, so one temp file + fsync + rename + directory fsync serves many keys. A task completes only
/// once its key is durable in both places.
/// </remarks>
public sealed class AuthorizedKeysStore
{
    /// <summary>The file sshd reads by default.</summary>
    public const string AuthorizedKeysFileName = "authorized_keys";

    /// <summary>The directory holding one file per key, named from its fingerprint.</summary>
    public const string KeysDirectoryName = "authorized_keys.d";

    private const string LockFileName = ".authorized_keys.lock";
    private const string KeyFilePrefix = "sha256-";
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly Lock gate = new();
    private List<PendingKey> queue = [];
    private bool committing;
    private bool cleanedUp;
    private Snapshot? snapshot;

    /// <summary>Creates a store for the given <c>.ssh</c> directory (created with mode 0700 on first add).</summary>
    public AuthorizedKeysStore(string sshDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(sshDirectory);
        // Without its trailing slash: lstat and O_NOFOLLOW follow a symlink named "link/", so the refusal would not see it.
        SshDirectory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(sshDirectory));
        AuthorizedKeysPath = Path.Combine(SshDirectory, AuthorizedKeysFileName);
        KeysDirectory = Path.Combine(SshDirectory, KeysDirectoryName);
    }

    /// <summary>The <c>.ssh</c> directory written.</summary>
    public string SshDirectory { get; }

    /// <summary>The full path of <c>authorized_keys</c>.</summary>
    public string AuthorizedKeysPath { get; }

    /// <summary>The full path of <c>authorized_keys.d</c>.</summary>
    public string KeysDirectory { get; }

    /// <summary>The name of the file in <see cref="KeysDirectory"/> that holds <paramref name="key"/>.</summary>
    public static string KeyFileName(OpenSshPublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return KeyFilePrefix + Convert.ToHexStringLower(SHA256.HashData(Convert.FromBase64String(key.Blob)));
    }

    /// <summary>
    /// Adds the key unless <c>authorized_keys</c> already holds it; completes once it is durable in both places.
    /// A comment line does not count as holding a key; a line with options holds it, but restricted.
    /// </summary>
    public Task<KeyAddOutcome> AddAsync(OpenSshPublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var pending = new PendingKey(key);
        bool startCommitter;
        lock (gate)
        {
            queue.Add(pending);
            startCommitter = !committing;
            committing = true;
        }

        if (startCommitter)
        {
            // Its own thread: the committer blocks (flock, fsync), and the thread pool's few threads serve requests.
            _ = Task.Factory.StartNew(CommitQueued, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        return pending.Completion.Task;
    }

    private void CommitQueued()
    {
        while (true)
        {
            List<PendingKey> batch;
            lock (gate)
            {
                if (queue.Count == 0)
                {
                    committing = false;
                    return;
                }

                batch = queue;
                queue = [];
            }

            try
            {
                var outcomes = Commit(batch.Select(p => p.Key).ToList());
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Completion.SetResult(outcomes[i]);
                }
            }
#pragma warning disable CA1031 // Every failure, whatever its type, belongs to the requests of this batch.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                foreach (var pending in batch)
                {
                    pending.Completion.SetException(exception);
                }
            }
        }
    }

    /// <summary>Writes the keys; returns, for each, what was done with it.</summary>
    private KeyAddOutcome[] Commit(List<OpenSshPublicKey> keys)
    {
        if (PrepareDirectory(SshDirectory))
        {
            DurableFile.SyncDirectory(Path.GetDirectoryName(SshDirectory)!);
        }

        var lockFd = LibC.OpenLockFile(Path.Combine(SshDirectory, LockFileName));
        try
        {
            LibC.LockExclusively(lockFd, SshDirectory);
            var createdKeysDirectory = PrepareDirectory(KeysDirectory);
            if (!cleanedUp)
            {
                DurableFile.DeleteAbandonedTemps(SshDirectory, name => name == AuthorizedKeysFileName);
                DurableFile.DeleteAbandonedTemps(KeysDirectory, IsKeyFileName);
                cleanedUp = true;
            }

            // Until this batch is written, no snapshot: the one read is about to hold keys not yet on disk.
            var current = ReadAuthorizedKeys();
            snapshot = null;
            var (outcomes, writes) = PlanWrites(keys, current);
            var temps = ConcurrentBlockingCalls.Run(writes, w => DurableFile.WriteTemp(w.Path, w.Existing, w.Appended));

            // Key files are durable before authorized_keys names their keys: a key in authorized_keys always has its
            // file, so a key found there never needs one (and a key restricted there by hand never gets an
            // unrestricted copy).
            var rewritten = writes.Find(w => w.Path == AuthorizedKeysPath);
            var keyFileDirectories = new List<string>();
            for (var i = 0; i < writes.Count; i++)
            {
                if (writes[i] != rewritten)
                {
                    DurableFile.Commit(temps[i], writes[i].Path);
                    keyFileDirectories.Add(KeysDirectory);
                }
            }

            if (createdKeysDirectory)
            {
                keyFileDirectories.Add(SshDirectory);
            }

            ConcurrentBlockingCalls.Run(keyFileDirectories.Distinct().ToList(), DurableFile.SyncDirectory);
            if (rewritten is not null)
            {
                DurableFile.Commit(temps[writes.IndexOf(rewritten)], AuthorizedKeysPath);
                DurableFile.SyncDirectory(SshDirectory);
            }

            snapshot = rewritten is null
                ? current
                : new Snapshot([.. rewritten.Existing, .. rewritten.Appended], current.Blobs, new FileInfo(AuthorizedKeysPath));
            return outcomes;
        }
        finally
        {
            LibC.CloseFile(lockFd);
        }
    }

    /// <summary>
    /// Which keys are new to authorized_keys (adding them to <paramref name="current"/>'s blobs) and the files to write:
    /// each new key's file unless a killed writer left it already, and authorized_keys with the new lines appended.
    /// </summary>
    private (KeyAddOutcome[] Outcomes, List<Replacement> Writes) PlanWrites(List<OpenSshPublicKey> keys, Snapshot current)
    {
        var outcomes = new KeyAddOutcome[keys.Count];
        var writes = new Dictionary<string, Replacement>(StringComparer.Ordinal);
        var newLines = new StringBuilder();
        if (current.Content.Length > 0 && current.Content[^1] != (byte)'\n')
        {
            newLines.Append('\n');
        }

        for (var i = 0; i < keys.Count; i++)
        {
            outcomes[i] = current.Blobs.Find(keys[i].Blob) ?? KeyAddOutcome.Added;
            if (outcomes[i] != KeyAddOutcome.Added)
            {
                continue;
            }

            current.Blobs.Add(keys[i].Blob);

            var line = keys[i].Line + "\n";
            newLines.Append(line);
            var keyFile = Path.Combine(KeysDirectory, KeyFileName(keys[i]));
            if (!File.Exists(keyFile))
            {
                writes[keyFile] = new Replacement(keyFile, [], Encoding.UTF8.GetBytes(line));
            }
        }

        if (outcomes.Contains(KeyAddOutcome.Added))
        {
            writes[AuthorizedKeysPath] = new Replacement(AuthorizedKeysPath, current.Content, Encoding.UTF8.GetBytes(newLines.ToString()));
        }

        return (outcomes, writes.Values.ToList());
    }

    // Rereading and reparsing a large file for every batch would cost more than the write; the snapshot of the
    // store's own last write stands until the file changes (another process or an administrator).
    private Snapshot ReadAuthorizedKeys()
    {
        RefuseSymlink(AuthorizedKeysPath);
        var file = new FileInfo(AuthorizedKeysPath);
        if (snapshot is null || !snapshot.Describes(file))
        {
            var content = file.Exists ? File.ReadAllBytes(AuthorizedKeysPath) : [];
            snapshot = new Snapshot(content, AuthorizedKeyBlobs.Parse(content), file);
        }

        return snapshot;
    }

    private static bool IsKeyFileName(string name) =>
        name.Length == KeyFilePrefix.Length + (2 * SHA256.HashSizeInBytes)
        && name.StartsWith(KeyFilePrefix, StringComparison.Ordinal)
        && DurableFile.IsLowerHex(name.AsSpan(KeyFilePrefix.Length));

    /// <summary>Creates the directory with mode 0700 if missing; returns true when it was created.</summary>
    private static bool PrepareDirectory(string directory)
    {
        RefuseSymlink(directory);
        if (Directory.Exists(directory))
        {
            return false;
        }

        Directory.CreateDirectory(directory, OwnerOnly);
        return true;
    }

    private static void RefuseSymlink(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            throw new IOException($"'{path}' is a symbolic link (to '{info.LinkTarget}'); refusing to write through it. Replace it with a real {(Directory.Exists(path) ? "directory" : "file")}.");
        }
    }

    private sealed record Replacement(string Path, byte[] Existing, byte[] Appended);

    private sealed record Snapshot(byte[] Content, AuthorizedKeyBlobs Blobs, long Length, DateTime LastWriteUtc)
    {
        public Snapshot(byte[] content, AuthorizedKeyBlobs blobs, FileInfo file)
            : this(content, blobs, file.Exists ? file.Length : 0, file.Exists ? file.LastWriteTimeUtc : default)
        {
        }

        public bool Describes(FileInfo file) =>
            file.Exists ? file.Length == Length && file.LastWriteTimeUtc == LastWriteUtc && Content.Length == Length : Length == 0;
    }

    private sealed class PendingKey(OpenSshPublicKey key)
    {
        public OpenSshPublicKey Key { get; } = key;

        public TaskCompletionSource<KeyAddOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
