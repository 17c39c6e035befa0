using System.Text;

namespace StackKit.Server.Storage;

/// <summary>
/// The <c>authorized_keys</c> file as the store changes it: read afresh every time (no cache an edit that keeps size
/// and mtime could fool); lines appended with O_APPEND in writes of whole lines, never replacing the file, so
/// concurrent <c>&gt;&gt;</c> appends survive; lines taken away only by a rewrite (temp file, a check that nobody
/// changed it since it was read, rename(2)), carrying over what others appended to the replaced file meanwhile.
/// </summary>
internal sealed class AuthorizedKeysFile(string path)
{
    // Appends go out in writes of at most a page of whole lines: a write(2) is only ever cut short between pages.
    private const int ChunkBytes = 4096;

    private readonly List<ReplacedFile> replaced = [];

    public string Path { get; } = path;

    private string Directory => System.IO.Path.GetDirectoryName(Path)!;

    /// <summary>The file's content and the key blobs it names (empty when there is no file).</summary>
    public Snapshot Read()
    {
        SshDirectoryLock.RefuseSymlink(Path);
        var content = File.Exists(Path) ? File.ReadAllBytes(Path) : [];
        return new Snapshot(content, AuthorizedKeyBlobs.Parse(content));
    }

    /// <summary>Appends the lines to the file read as <paramref name="read"/>, durably; first a line break if it lacks its final one.</summary>
    public void Append(byte[] read, List<byte[]> lines)
    {
        if (DurableFile.Append(Path, Chunks(read, lines)))
        {
            DurableFile.SyncDirectory(Directory);
        }
    }

    /// <summary>
    /// Takes the lines equal to one of <paramref name="lines"/> out of the file read as <paramref name="read"/>;
    /// false when it changed since it was read (nothing is changed then). Lines appended to the replaced file
    /// meanwhile are carried over, now and at the next writes.
    /// </summary>
    public bool TryRemove(byte[] read, HashSet<string> lines)
    {
        var remaining = WithoutLines(read, lines);
        return remaining.Length == read.Length || Replace(read, remaining);
    }

    /// <summary>
    /// Moves the lines appended to files that removals replaced (by programs that opened them just before) to the
    /// current file; each replaced file is watched for <see cref="ReplacedFile.WatchTime"/>, and at most
    /// <see cref="ReplacedFile.MaxWatched"/> at once.
    /// </summary>
    public void CarryOverLateAppends()
    {
        foreach (var file in replaced)
        {
            file.CarryOver(Path);
        }

        var done = replaced.Where((file, i) => file.Age > ReplacedFile.WatchTime || i < replaced.Count - ReplacedFile.MaxWatched).ToList();
        done.ForEach(file => file.Dispose());
        replaced.RemoveAll(done.Contains);
    }

    /// <summary>Deletes the temp files a killed writer left behind.</summary>
    public void DeleteAbandonedTemps() =>
        DurableFile.DeleteAbandonedTemps(Directory, name => name == System.IO.Path.GetFileName(Path));

    private bool Replace(byte[] read, byte[] content)
    {
        var old = new ReplacedFile(Path, read.Length);
        var temp = DurableFile.TempFor(Path);
        try
        {
            DurableFile.WriteTemp(temp, content);
            if (!old.Holds(read) || !File.ReadAllBytes(Path).AsSpan().StartsWith(read))
            {
                File.Delete(temp);
                old.Dispose();
                return false;
            }

            DurableFile.Commit(temp, Path);
        }
        catch
        {
            File.Delete(temp);
            old.Dispose();
            throw;
        }

        DurableFile.SyncDirectory(Directory);
        old.CarryOver(Path);
        replaced.Add(old);
        return true;
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

    /// <summary>The file as read: its bytes and the key blobs its lines name.</summary>
    public sealed record Snapshot(byte[] Content, AuthorizedKeyBlobs Blobs);
}
