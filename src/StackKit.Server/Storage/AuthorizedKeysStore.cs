using System.Security.Cryptography;
using System.Text;
using StackKit.Server.Keys;

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
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly Lock gate = new();
    private List<PendingKey> queue = [];
    private bool committing;
    private bool cleanedUp;

    /// <summary>Creates a store for the given <c>.ssh</c> directory (created with mode 0700 on first add).</summary>
    public AuthorizedKeysStore(string sshDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(sshDirectory);
        SshDirectory = Path.GetFullPath(sshDirectory);
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
        return "sha256-" + Convert.ToHexStringLower(SHA256.HashData(Convert.FromBase64String(key.Blob)));
    }

    /// <summary>
    /// Adds the key unless <c>authorized_keys</c> already holds it; completes once it is durable in both places.
    /// Returns true when the key was new to <c>authorized_keys</c>.
    /// </summary>
    public Task<bool> AddAsync(OpenSshPublicKey key)
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
            _ = Task.Run(CommitQueued);
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
                var added = Commit(batch.Select(p => p.Key).ToList());
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Completion.SetResult(added[i]);
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

    /// <summary>Writes the keys; returns, for each, whether it was new to authorized_keys.</summary>
    private bool[] Commit(List<OpenSshPublicKey> keys)
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
                DurableFile.DeleteAbandonedTemps(SshDirectory);
                DurableFile.DeleteAbandonedTemps(KeysDirectory);
                cleanedUp = true;
            }

            var wroteKeyFiles = WriteKeyFiles(keys);
            var added = AppendToAuthorizedKeys(keys);
            if (wroteKeyFiles)
            {
                DurableFile.SyncDirectory(KeysDirectory);
            }

            if (added.Contains(true) || createdKeysDirectory)
            {
                DurableFile.SyncDirectory(SshDirectory);
            }

            return added;
        }
        finally
        {
            LibC.CloseFile(lockFd);
        }
    }

    private bool WriteKeyFiles(List<OpenSshPublicKey> keys)
    {
        var written = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var path = Path.Combine(KeysDirectory, KeyFileName(key));
            if (!written.ContainsKey(path) && !File.Exists(path))
            {
                written[path] = DurableFile.WriteTemp(path, Encoding.UTF8.GetBytes(key.Line + "\n"), []);
            }
        }

        foreach (var (path, temp) in written)
        {
            DurableFile.Commit(temp, path);
        }

        return written.Count > 0;
    }

    private bool[] AppendToAuthorizedKeys(List<OpenSshPublicKey> keys)
    {
        RefuseSymlink(AuthorizedKeysPath);
        var existing = File.Exists(AuthorizedKeysPath) ? File.ReadAllBytes(AuthorizedKeysPath) : [];
        var present = KeyBlobsIn(existing);
        var added = new bool[keys.Count];
        var lines = new StringBuilder();
        if (existing.Length > 0 && existing[^1] != (byte)'\n')
        {
            lines.Append('\n');
        }

        for (var i = 0; i < keys.Count; i++)
        {
            added[i] = present.Add(keys[i].Blob);
            if (added[i])
            {
                lines.Append(keys[i].Line).Append('\n');
            }
        }

        if (added.Contains(true))
        {
            var temp = DurableFile.WriteTemp(AuthorizedKeysPath, existing, Encoding.UTF8.GetBytes(lines.ToString()));
            DurableFile.Commit(temp, AuthorizedKeysPath);
        }

        return added;
    }

    // A key counts as present when any line names its blob, whatever options or comment that line has: adding it
    // again unrestricted would widen what an administrator restricted.
    private static HashSet<string> KeyBlobsIn(byte[] content)
    {
        var blobs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in Encoding.UTF8.GetString(content).Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (token.StartsWith("AAAA", StringComparison.Ordinal))
            {
                blobs.Add(token);
            }
        }

        return blobs;
    }

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

    private sealed class PendingKey(OpenSshPublicKey key)
    {
        public OpenSshPublicKey Key { get; } = key;

        public TaskCompletionSource<bool> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
