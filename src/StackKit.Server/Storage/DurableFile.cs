using System.Buffers;

namespace StackKit.Server.Storage;

/// <summary>
/// Replaces files so that a crash leaves either the old or the new content, and a finished call survives power loss:
/// temp file (a dotfile, which OpenSSH skips in authorized_keys.d), fsync, rename(2), fsync of the directory.
/// </summary>
internal static class DurableFile
{
    private const string TempSuffix = ".tmp";
    private const int TempIdLength = 32;
    private static readonly SearchValues<char> LowerHexDigits = SearchValues.Create("0123456789abcdef");
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>A new temp file name next to <paramref name="path"/>, for <see cref="WriteTemp"/> and <see cref="Commit"/>.</summary>
    public static string TempFor(string path) =>
        Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}{TempSuffix}");

    /// <summary>Writes and fsyncs the temp file; on failure deletes it, so a failed write leaves nothing behind.</summary>
    public static void WriteTemp(string temp, ReadOnlySpan<byte> content)
    {
        try
        {
            using var stream = new FileStream(temp, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                UnixCreateMode = OwnerReadWrite,
            });
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>
    /// Appends with O_APPEND, so lines other programs append at the same time (ssh-copy-id, <c>&gt;&gt;</c>) are never
    /// overwritten, and the file is never replaced, so no concurrent edit is reverted; then fsyncs. Each chunk is one
    /// write(2) of whole lines. If a write fails, what this call appended is cut off again (when nothing was appended
    /// after it), so a full disk leaves no half line. Returns true when the file was created.
    /// </summary>
    public static bool Append(string path, IReadOnlyList<byte[]> chunks)
    {
        var existed = File.Exists(path);
        var fd = LibC.OpenForAppend(path);
        long start = -1;
        long written = 0;
        try
        {
            foreach (var chunk in chunks)
            {
                for (var rest = chunk.AsSpan(); !rest.IsEmpty;)
                {
                    var count = LibC.WriteOnce(fd, rest, path);
                    start = start < 0 ? LibC.Position(fd, path) - count : start;
                    written += count;
                    rest = rest[count..];
                }
            }

            LibC.Sync(fd, path);
            return !existed;
        }
        catch when (start >= 0 && LibC.End(fd, path) == start + written)
        {
            LibC.Truncate(fd, start, path);
            throw;
        }
        finally
        {
            LibC.CloseFile(fd);
        }
    }

    /// <summary>Renames the temp file over <paramref name="path"/> (one rename(2): readers see old or new, never half).</summary>
    public static void Commit(string temp, string path) => File.Move(temp, path, overwrite: true);

    /// <summary>Makes the renames and creations in a directory durable.</summary>
    public static void SyncDirectory(string directory)
    {
        var fd = LibC.OpenDirectory(directory);
        try
        {
            LibC.Sync(fd, directory);
        }
        finally
        {
            LibC.CloseFile(fd);
        }
    }

    /// <summary>
    /// Deletes the temp files a killed writer left behind for the files <paramref name="isOwnFile"/> names (by file
    /// name), and no others: another program's dotfiles ending in .tmp are not ours to delete. Call it only while
    /// holding the store's lock.
    /// </summary>
    public static void DeleteAbandonedTemps(string directory, Func<string, bool> isOwnFile)
    {
        foreach (var temp in Directory.EnumerateFiles(directory, "." + "*" + TempSuffix))
        {
            if (TargetOf(Path.GetFileName(temp)) is { } target && isOwnFile(target))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>The file a temp name of <see cref="WriteTemp"/> stands for (<c>.NAME.GUID.tmp</c>), or null.</summary>
    private static string? TargetOf(string tempName)
    {
        var idStart = tempName.Length - TempSuffix.Length - TempIdLength;
        if (idStart < 3 || tempName[0] != '.' || tempName[idStart - 1] != '.' || !tempName.EndsWith(TempSuffix, StringComparison.Ordinal)
            || !IsLowerHex(tempName.AsSpan(idStart, TempIdLength)))
        {
            return null;
        }

        return tempName[1..(idStart - 1)];
    }

    internal static bool IsLowerHex(ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExcept(LowerHexDigits);
}
