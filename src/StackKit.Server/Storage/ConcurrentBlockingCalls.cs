using System.Runtime.ExceptionServices;

namespace StackKit.Server.Storage;

/// <summary>
/// Runs blocking calls (write + fsync) on dedicated threads at once: the disk completes concurrent fsyncs together, so
/// a batch of N files costs about one flush instead of N. Dedicated threads, because blocking the thread pool's few
/// threads (one, on a single core) would stall the requests they serve and gain no concurrency.
/// </summary>
internal static class ConcurrentBlockingCalls
{
    private const int MaxThreads = 32;

    public static void Run<T>(IReadOnlyList<T> items, Action<T> call) => Run(items, item =>
    {
        call(item);
        return true;
    });

    public static TResult[] Run<T, TResult>(IReadOnlyList<T> items, Func<T, TResult> call)
    {
        var results = new TResult[items.Count];
        if (items.Count <= 1)
        {
            for (var i = 0; i < items.Count; i++)
            {
                results[i] = call(items[i]);
            }

            return results;
        }

        var next = -1;
        var errors = new List<Exception>();
        void Work()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < items.Count)
            {
                try
                {
                    results[i] = call(items[i]);
                }
#pragma warning disable CA1031 // Collected and rethrown below, on the calling thread.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    lock (errors)
                    {
                        errors.Add(exception);
                    }
                }
            }
        }

        var threads = Enumerable.Range(0, Math.Min(items.Count, MaxThreads) - 1)
            .Select(_ => new Thread(Work) { IsBackground = true })
            .ToList();
        threads.ForEach(thread => thread.Start());
        Work();
        threads.ForEach(thread => thread.Join());
        if (errors.Count > 0)
        {
            // The first failure stands for the batch (they usually share one cause, such as a full disk).
            ExceptionDispatchInfo.Throw(errors[0]);
        }

        return results;
    }
}
