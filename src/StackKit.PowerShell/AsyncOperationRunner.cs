using System.Collections.Concurrent;

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

        foreach (var report in reports.GetConsumingEnumerable(CancellationToken.None))
        {
            onProgress(report);
        }
        return task.GetAwaiter().GetResult();
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
}
