using System.Runtime.InteropServices;

namespace StackKit.Server.Storage;

/// <summary>
/// The few POSIX calls .NET does not expose: blocking flock, fsync of a directory, and appends with O_APPEND (.NET's
/// FileMode.Append seeks to the end once, so a concurrent appender's line could be overwritten).
/// </summary>
internal static partial class LibC
{
    public const int LockExclusive = 2;
    private const int ReadOnly = 0;
    private const int WriteOnly = 1;
    private const int ReadWrite = 2;
    private const int Create = 0x40;
    private const int Append = 0x400;
    private const int SeekCurrent = 1;
    private const int SeekEnd = 2;
    private const int CloseOnExec = 0x80000;
    private const int Interrupted = 4;

    // O_NOFOLLOW is 0x20000 on x86 Linux but 0x8000 on ARM Linux.
    private static readonly int NoFollow = RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm
        ? 0x8000
        : 0x20000;

    /// <summary>Opens (creating it with mode 0600) a file without following a symlink; throws on failure.</summary>
    public static int OpenLockFile(string path) =>
        Check(Open(path, ReadWrite | Create | NoFollow | CloseOnExec, 0x180), path);

    /// <summary>Opens (creating it with mode 0600) a file for O_APPEND writes without following a symlink; throws on failure.</summary>
    public static int OpenForAppend(string path) =>
        Check(Open(path, WriteOnly | Append | Create | NoFollow | CloseOnExec, 0x180), path);

    /// <summary>One write(2); returns how many bytes it wrote (a regular file writes fewer only on error or signal).</summary>
    public static int WriteOnce(int fd, ReadOnlySpan<byte> data, string path) => (int)Check((long)Write(fd, data, data.Length), path);

    /// <summary>The file offset (after O_APPEND writes: the end of the last one).</summary>
    public static long Position(int fd, string path) => Check(Seek(fd, 0, SeekCurrent), path);

    public static long End(int fd, string path) => Check(Seek(fd, 0, SeekEnd), path);

    public static void Truncate(int fd, long length, string path) => Check(FTruncate(fd, length), path);

    /// <summary>Opens a directory for fsync without following a symlink; throws on failure.</summary>
    public static int OpenDirectory(string path) => Check(Open(path, ReadOnly | NoFollow | CloseOnExec, 0), path);

    /// <summary>Blocks until the lock is taken, retrying when a signal interrupts the wait.</summary>
    public static void LockExclusively(int fd, string path)
    {
        while (Flock(fd, LockExclusive) != 0)
        {
            if (Marshal.GetLastPInvokeError() != Interrupted)
            {
                Check(-1, path);
            }
        }
    }

    public static void Sync(int fd, string path) => Check(Fsync(fd), path);

    public static void CloseFile(int fd) => _ = Close(fd);

    private static int Check(int result, string path) => (int)Check((long)result, path);

    private static long Check(long result, string path) => result >= 0
        ? result
        : throw new IOException($"'{path}': {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}", Marshal.GetLastPInvokeError());

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(int fd, int operation);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint Write(int fd, ReadOnlySpan<byte> buffer, nint count);

    [LibraryImport("libc", EntryPoint = "lseek", SetLastError = true)]
    private static partial long Seek(int fd, long offset, int whence);

    [LibraryImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    private static partial int FTruncate(int fd, long length);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
