using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace StackKit.PowerShell;

/// <summary>
/// Runs one of the core library's async operations from a cmdlet. PowerShell only accepts Write-* calls on the
/// pipeline thread, so progress reported on pool threads is queued and written here as it arrives.
/// </summary>
internal static class AsyncOperationRunner
{
    public static T Run<T, TProgress>(
        Func<IProgress<TProgress>, CancellationToken, Task<T>> operation,
        Action<TProgress> onProgress,
        CancellationToken cancellationToken)
    {
        using var reports = new BlockingCollection<TProgress>();
        var task = Task.Run(
            async () =>
            {
                try
                {
                    return await operation(new QueueingProgress<TProgress>(reports), cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    reports.CompleteAdding();
                }
            },
            CancellationToken.None);

        // A failing writer (the pipeline stopped) must not leave the operation adding to a disposed queue: keep
        // draining until it ends, then report its own outcome first, which says why it ended.
        Exception? progressFailure = null;
        foreach (var report in reports.GetConsumingEnumerable(CancellationToken.None))
        {
            if (progressFailure is not null)
            {
                continue;
            }
            try
            {
                onProgress(report);
            }
            catch (Exception error)
            {
                progressFailure = error;
            }
        }
        var result = task.GetAwaiter().GetResult();
        if (progressFailure is not null)
        {
            ExceptionDispatchInfo.Capture(progressFailure).Throw();
        }
        return result;
    }

    private sealed class QueueingProgress<TProgress>(BlockingCollection<TProgress> reports) : IProgress<TProgress>
    {
        public void Report(TProgress value)
        {
            if (!reports.IsAddingCompleted)
            {
                reports.Add(value);
            }
        }
    }

    /// <summary>
    /// Writes each item of <paramref name="source"/> on the calling (pipeline) thread as it arrives. Ends when the
    /// source ends, when <paramref name="cancellationToken"/> is cancelled (Ctrl-C: a clean end, no error), or when a
    /// write throws (the pipeline stopped downstream, e.g. Select-Object -First), which stops the source too.
    /// </summary>
    public static void Stream<T>(Func<CancellationToken, IAsyncEnumerable<T>> source, Action<T> write, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Bounded, so a reader faster than the terminal waits instead of filling memory.
        using var items = new BlockingCollection<T>(boundedCapacity: 1024);
        var reader = Task.Run(
            async () =>
            {
                try
                {
                    await foreach (var item in source(stop.Token).ConfigureAwait(false))
                    {
                        items.Add(item, stop.Token);
                    }
                }
                finally
                {
                    items.CompleteAdding();
                }
            },
            CancellationToken.None);
        try
        {
            foreach (var item in items.GetConsumingEnumerable(CancellationToken.None))
            {
                write(item);
            }
        }
        finally
        {
            stop.Cancel();
            // Unblocks a reader waiting for room, so it sees the cancellation and ends.
            while (items.TryTake(out _))
            {
            }
        }
        try
        {
            reader.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Ctrl-C (or a stopped pipeline) ends a follow: not an error.
        }
    }
}
