namespace StackKit.Server.Storage;

/// <summary>
/// The authorized_keys a removal is replacing, held open: a program that opened it for <c>&gt;&gt;</c> just before the
/// rename writes into it, and those lines are carried over to the new file instead of being lost.
/// </summary>
internal sealed class ReplacedFile : IDisposable
{
    /// <summary>How long lines appended to a replaced file are still carried over: far longer than an open-then-write.</summary>
    public static readonly TimeSpan WatchTime = TimeSpan.FromSeconds(30);

    /// <summary>The most replaced files watched at once (each holds an open file).</summary>
    public const int MaxWatched = 64;

    private readonly FileStream stream;
    private readonly long replacedAt = Environment.TickCount64;
    private long carried;

    public TimeSpan Age => TimeSpan.FromMilliseconds(Environment.TickCount64 - replacedAt);

    public ReplacedFile(string path, long length)
    {
        stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        carried = length;
    }

    /// <summary>True while the file's first bytes are still <paramref name="content"/> (appends after them are fine).</summary>
    public bool Holds(byte[] content)
    {
        if (stream.Length < content.Length)
        {
            return false;
        }

        var start = new byte[content.Length];
        stream.Position = 0;
        stream.ReadExactly(start);
        return start.AsSpan().SequenceEqual(content);
    }

    /// <summary>Appends to <paramref name="path"/> whatever was appended to this file since the last call.</summary>
    public void CarryOver(string path)
    {
        stream.Position = carried;
        using var appended = new MemoryStream();
        stream.CopyTo(appended);
        if (appended.Length > 0)
        {
            DurableFile.Append(path, [appended.ToArray()]);
            carried += appended.Length;
        }
    }

    public void Dispose() => stream.Dispose();
}
