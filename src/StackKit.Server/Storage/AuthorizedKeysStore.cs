using System.Security.Cryptography;
using System.Text;
using StackKit.Keys;

namespace StackKit.Server.Storage;

/// <summary>
/// Owns the keys the service writes to <c>authorized_keys</c> and <c>authorized_keys.d/</c> in one <c>.ssh</c>
/// directory: adds each key once, durably, serialized across threads (group commit) and processes (flock on a lock
/// file), and, for the fleet's key table, makes the keys it manages equal to a given set. It never loses or reverts
/// what other writers put there.
/// </summary>
/// <remarks>
/// <para>
/// A key is <em>managed</em> when its file <c>authorized_keys.d/sha256-&lt;hex&gt;</c> exists (the service names and
/// writes those files, nobody else); the line it manages in <c>authorized_keys</c> is that file's line, byte for byte.
/// Every other line (the key pair's, hand-added ones, other tools', a managed line an administrator edited) is never
/// touched.
/// </para>
/// <para>
/// Adding appends with O_APPEND and never replaces <c>authorized_keys</c>, so concurrent <c>&gt;&gt;</c> appends
/// survive and no outside edit is reverted; the file is read afresh for every batch (no cache an edit that keeps size
/// and mtime could fool). Only taking a key away rewrites the file: temp file, a check that nobody changed it since it
/// was read, rename(2), and lines others appended to the replaced file meanwhile are carried over.
/// </para>
/// <para>
/// Concurrent adds are batched: while one write runs, the next requests queue up and go into the following write
/// together. A task completes only once its key is durable in both places.
/// </para>
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

    private const string LockFileName = ".authorized_keys.lock";
    private const string KeyFilePrefix = "sha256-";
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    // Appends go out in writes of at most a page of whole lines: a write(2) is only ever cut short between pages.
    private const int ChunkBytes = 4096;

    private readonly Lock gate = new();
    private List<PendingWork> queue = [];
    private bool committing;
    private bool cleanedUp;
    private readonly List<ReplacedFile> replaced = [];

    /// <summary>Creates a store for the given <c>.ssh</c> directory (created with mode 0700 on first write).</summary>
    public AuthorizedKeysStore(string sshDirectory, int maxKeys = DefaultMaxKeys, long maxFileBytes = DefaultMaxFileBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(sshDirectory);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxKeys);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxFileBytes);
        // Without its trailing slash: lstat and O_NOFOLLOW follow a symlink named "link/", so the refusal would not see it.
        SshDirectory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(sshDirectory));
        AuthorizedKeysPath = Path.Combine(SshDirectory, AuthorizedKeysFileName);
        KeysDirectory = Path.Combine(SshDirectory, KeysDirectoryName);
        MaxKeys = maxKeys;
        MaxFileBytes = maxFileBytes;
    }

    /// <summary>The <c>.ssh</c> directory written.</summary>
    public string SshDirectory { get; }

    /// <summary>The full path of <c>authorized_keys</c>.</summary>
    public string AuthorizedKeysPath { get; }

    /// <summary>The full path of <c>authorized_keys.d</c>.</summary>
    public string KeysDirectory { get; }

    /// <summary>The most keys (lines naming a key) <c>authorized_keys</c> may hold; adds beyond are <see cref="KeyAddOutcome.Full"/>.</summary>
    public int MaxKeys { get; }

    /// <summary>The largest size adds may take <c>authorized_keys</c> to, in bytes.</summary>
    public long MaxFileBytes { get; }

    /// <summary>The name of the file in <see cref="KeysDirectory"/> that holds <paramref name="key"/>.</summary>
    public static string KeyFileName(OpenSshPublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return KeyFilePrefix + Convert.ToHexStringLower(SHA256.HashData(Convert.FromBase64String(key.Blob)));
    }

    /// <summary>The key file name for an OpenSSH fingerprint (<c>SHA256:</c> and unpadded base64), or null for anything else.</summary>
    public static string? KeyFileName(string fingerprint)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        return SshKeyFingerprint.TryParse(fingerprint, out var hash) ? KeyFilePrefix + Convert.ToHexStringLower(hash) : null;
    }

    /// <summary>
    /// Adds the key unless <c>authorized_keys</c> already holds it; completes once it is durable in both places.
    /// A comment line does not count as holding a key; a line with options holds it, but restricted.
    /// </summary>
    public Task<KeyAddOutcome> AddAsync(OpenSshPublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Enqueue(new PendingAdd(key)).Completion.Task;
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
        return Enqueue(new PendingSync(keys, keep)).Completion.Task;
    }

    /// <summary>What <see cref="AddAsync"/> would do with the key now (<see cref="KeyAddOutcome.Added"/>: it would add it); writes nothing.</summary>
    public KeyAddOutcome Preview(OpenSshPublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Plan([key], Read()).Outcomes[0];
    }

    private T Enqueue<T>(T work)
        where T : PendingWork
    {
        bool startCommitter;
        lock (gate)
        {
            queue.Add(work);
            startCommitter = !committing;
            committing = true;
        }

        if (startCommitter)
        {
            // Its own thread: the committer blocks (flock, fsync), and the thread pool's few threads serve requests.
            _ = Task.Factory.StartNew(CommitQueued, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        return work;
    }

    private void CommitQueued()
    {
        while (true)
        {
            List<PendingWork> batch;
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

            var adds = batch.OfType<PendingAdd>().ToList();
            if (adds.Count > 0)
            {
                Run(adds, () => Locked(() => AddKeys(adds.ConvertAll(a => a.Key), Read())));
            }

            foreach (var sync in batch.OfType<PendingSync>())
            {
                Run([sync], () => [Locked(() => Sync(sync.Keys, sync.Keep))]);
            }
        }
    }

    private static void Run<TResult>(IReadOnlyList<Pending<TResult>> batch, Func<IReadOnlyList<TResult>> work)
    {
        try
        {
            var results = work();
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.SetResult(results[i]);
            }
        }
#pragma warning disable CA1031 // Every failure, whatever its type, belongs to the callers of this batch.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            foreach (var pending in batch)
            {
                pending.Completion.SetException(exception);
            }
        }
    }

    /// <summary>Runs <paramref name="work"/> holding the lock every store on this directory (in any process) takes.</summary>
    private T Locked<T>(Func<T> work)
    {
        if (PrepareDirectory(SshDirectory))
        {
            DurableFile.SyncDirectory(Path.GetDirectoryName(SshDirectory)!);
        }

        var lockFd = LibC.OpenLockFile(Path.Combine(SshDirectory, LockFileName));
        try
        {
            LibC.LockExclusively(lockFd, SshDirectory);
            if (PrepareDirectory(KeysDirectory))
            {
                DurableFile.SyncDirectory(SshDirectory);
            }

            if (!cleanedUp)
            {
                DurableFile.DeleteAbandonedTemps(SshDirectory, name => name == AuthorizedKeysFileName);
                DurableFile.DeleteAbandonedTemps(KeysDirectory, IsKeyFileName);
                cleanedUp = true;
            }

            CarryOverLateAppends();

            return work();
        }
        finally
        {
            LibC.CloseFile(lockFd);
        }
    }

    /// <summary>
    /// Moves the lines appended to files that removals replaced (by programs that opened them just before) to the
    /// current file; each replaced file is watched for <see cref="ReplacedFile.WatchTime"/>, and at most
    /// <see cref="ReplacedFile.MaxWatched"/> at once.
    /// </summary>
    private void CarryOverLateAppends()
    {
        foreach (var file in replaced)
        {
            file.CarryOver(AuthorizedKeysPath);
        }

        var done = replaced.Where((file, i) => file.Age > ReplacedFile.WatchTime || i < replaced.Count - ReplacedFile.MaxWatched).ToList();
        done.ForEach(file => file.Dispose());
        replaced.RemoveAll(done.Contains);
    }

    /// <summary>Writes the keys that are new (key files first, then the lines); returns, for each, what was done.</summary>
    private KeyAddOutcome[] AddKeys(List<OpenSshPublicKey> keys, Snapshot current)
    {
        var plan = Plan(keys, current);
        if (plan.Lines.Count == 0)
        {
            return plan.Outcomes;
        }

        // Key files are durable before authorized_keys names their keys: a key in authorized_keys always has its
        // file, so a key found there never needs one (and a key restricted there by hand never gets an unrestricted
        // copy).
        var written = WriteKeyFiles(plan.KeyFiles);
        try
        {
            if (DurableFile.Append(AuthorizedKeysPath, Chunks(current.Content, plan.Lines)))
            {
                DurableFile.SyncDirectory(SshDirectory);
            }
        }
        catch
        {
            // No key file for a key that was not added.
            written.ForEach(File.Delete);
            DurableFile.SyncDirectory(KeysDirectory);
            throw;
        }

        return plan.Outcomes;
    }

    private KeySyncResult Sync(IReadOnlyList<OpenSshPublicKey> keys, IReadOnlySet<string> keep)
    {
        var current = Read();
        var kept = keep.Select(KeyFileName).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var revoked = ManagedKeyFiles().Where(name => !kept.Contains(name)).ToList();
        if (revoked.Count > 0)
        {
            var lines = revoked.Select(ReadKeyFileLine).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var remaining = WithoutLines(current.Content, lines);
            if (remaining.Length != current.Content.Length && !Replace(current.Content, remaining))
            {
                // Someone changed the file while it was being rewritten: try again next time, from what they wrote.
                revoked.Clear();
            }

            // The lines go before their key files: a managed key always has its file until its line is gone.
            revoked.ForEach(name => File.Delete(Path.Combine(KeysDirectory, name)));
            DurableFile.SyncDirectory(KeysDirectory);
            current = Read();
        }

        var outcomes = AddKeys([.. keys], current);
        return new KeySyncResult(
            outcomes.Count(o => o == KeyAddOutcome.Added), revoked.Count, outcomes.Count(o => o == KeyAddOutcome.Full));
    }

    /// <summary>
    /// Which keys are new to authorized_keys and fit under the caps (adding them to <paramref name="current"/>'s
    /// blobs), their lines, and the key files to write (unless a killed writer left them already).
    /// </summary>
    private WritePlan Plan(List<OpenSshPublicKey> keys, Snapshot current)
    {
        var outcomes = new KeyAddOutcome[keys.Count];
        var lines = new List<byte[]>();
        var keyFiles = new List<(string Path, byte[] Line)>();
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
            var keyFile = Path.Combine(KeysDirectory, KeyFileName(keys[i]));
            if (!File.Exists(keyFile))
            {
                keyFiles.Add((keyFile, line));
            }
        }

        return new WritePlan(outcomes, lines, keyFiles);
    }

    /// <summary>Writes the key files (temp, fsync, rename, directory fsync); returns those written. A failure leaves none.</summary>
    private List<string> WriteKeyFiles(List<(string Path, byte[] Line)> keyFiles)
    {
        var temps = keyFiles.ConvertAll(file => DurableFile.TempFor(file.Path));
        var committed = new List<string>();
        try
        {
            ConcurrentBlockingCalls.Run(Enumerable.Range(0, keyFiles.Count).ToList(), i => DurableFile.WriteTemp(temps[i], keyFiles[i].Line));
            for (var i = 0; i < keyFiles.Count; i++)
            {
                DurableFile.Commit(temps[i], keyFiles[i].Path);
                committed.Add(keyFiles[i].Path);
            }

            DurableFile.SyncDirectory(KeysDirectory);
            return committed;
        }
        catch
        {
            temps.ForEach(File.Delete);
            committed.ForEach(File.Delete);
            throw;
        }
    }

    /// <summary>
    /// Replaces authorized_keys' <paramref name="read"/> content with <paramref name="content"/>, unless it changed
    /// since it was read (false). Lines appended to the replaced file meanwhile are carried over, now and at the next
    /// write.
    /// </summary>
    private bool Replace(byte[] read, byte[] content)
    {
        var old = new ReplacedFile(AuthorizedKeysPath, read.Length);
        var temp = DurableFile.TempFor(AuthorizedKeysPath);
        try
        {
            DurableFile.WriteTemp(temp, content);
            if (!old.Holds(read) || !StartsWith(File.ReadAllBytes(AuthorizedKeysPath), read))
            {
                File.Delete(temp);
                old.Dispose();
                return false;
            }

            DurableFile.Commit(temp, AuthorizedKeysPath);
        }
        catch
        {
            File.Delete(temp);
            old.Dispose();
            throw;
        }

        DurableFile.SyncDirectory(SshDirectory);
        old.CarryOver(AuthorizedKeysPath);
        replaced.Add(old);
        return true;
    }

    private Snapshot Read()
    {
        RefuseSymlink(AuthorizedKeysPath);
        var content = File.Exists(AuthorizedKeysPath) ? File.ReadAllBytes(AuthorizedKeysPath) : [];
        return new Snapshot(content, AuthorizedKeyBlobs.Parse(content));
    }

    private List<string> ManagedKeyFiles() =>
        Directory.Exists(KeysDirectory)
            ? Directory.EnumerateFiles(KeysDirectory, KeyFilePrefix + "*").Select(Path.GetFileName).OfType<string>().Where(IsKeyFileName).ToList()
            : [];

    /// <summary>The line a key file holds, or null when it is not one line of a sane size (or not a regular file).</summary>
    private string? ReadKeyFileLine(string name)
    {
        var file = new FileInfo(Path.Combine(KeysDirectory, name));
        if (file.LinkTarget is not null || file.Length > OpenSshPublicKey.MaxLineBytes + 1)
        {
            return null;
        }

        var text = File.ReadAllText(file.FullName);
        return text.EndsWith('\n') && text.IndexOf('\n', StringComparison.Ordinal) == text.Length - 1 ? text[..^1] : null;
    }

    /// <summary>The content without the lines equal to one of <paramref name="lines"/>; every other byte as it was.</summary>
    private static byte[] WithoutLines(byte[] content, HashSet<string> lines)
    {
        var kept = new List<byte>(content.Length);
        var start = 0;
        while (start < content.Length)
        {
            var end = Array.IndexOf(content, (byte)'\n', start);
            var next = end < 0 ? content.Length : end + 1;
            var line = content.AsSpan(start, (end < 0 ? content.Length : end) - start);
            if (!lines.Contains(Encoding.UTF8.GetString(line)))
            {
                kept.AddRange(content.AsSpan(start, next - start));
            }

            start = next;
        }

        return [.. kept];
    }

    /// <summary>The lines to append, in writes of whole lines; first a line break if the file lacks its final one.</summary>
    private static List<byte[]> Chunks(byte[] content, List<byte[]> lines)
    {
        var chunks = new List<byte[]>();
        var chunk = new List<byte>(ChunkBytes);
        if (content.Length > 0 && content[^1] != (byte)'\n')
        {
            chunk.Add((byte)'\n');
        }

        foreach (var line in lines)
        {
            if (chunk.Count > 0 && chunk.Count + line.Length > ChunkBytes)
            {
                chunks.Add([.. chunk]);
                chunk.Clear();
            }

            chunk.AddRange(line);
        }

        chunks.Add([.. chunk]);
        return chunks;
    }

    private static bool StartsWith(byte[] content, byte[] prefix) => content.AsSpan().StartsWith(prefix);

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

    private sealed record Snapshot(byte[] Content, AuthorizedKeyBlobs Blobs);

    private sealed record WritePlan(KeyAddOutcome[] Outcomes, List<byte[]> Lines, List<(string Path, byte[] Line)> KeyFiles);

    private abstract class PendingWork;

    private abstract class Pending<TResult> : PendingWork
    {
        public TaskCompletionSource<TResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class PendingAdd(OpenSshPublicKey key) : Pending<KeyAddOutcome>
    {
        public OpenSshPublicKey Key { get; } = key;
    }

    private sealed class PendingSync(IReadOnlyList<OpenSshPublicKey> keys, IReadOnlySet<string> keep) : Pending<KeySyncResult>
    {
        public IReadOnlyList<OpenSshPublicKey> Keys { get; } = keys;

        public IReadOnlySet<string> Keep { get; } = keep;
    }
}
