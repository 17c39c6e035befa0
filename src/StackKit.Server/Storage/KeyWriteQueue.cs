namespace StackKit.Server.Storage;

/// <summary>
/// The store's group commit: every write runs on one thread of its own, one at a time; while one runs, the next
/// requests queue up, and the adds queued meanwhile go into the following write together (each sync runs alone). A
/// task completes only once its write is done, with the write's outcome or its failure.
/// </summary>
internal sealed class KeyWriteQueue(
    Func<List<KeyGrant>, KeyAddOutcome[]> addAll,
    Func<KeySyncRequest, KeySyncResult> sync)
{
    private readonly Lock gate = new();
    private List<PendingWork> queue = [];
    private bool committing;

    public Task<KeyAddOutcome> AddAsync(KeyGrant grant) => Enqueue(new PendingAdd(grant)).Completion.Task;

    public Task<KeySyncResult> SyncAsync(KeySyncRequest request) => Enqueue(new PendingSync(request)).Completion.Task;

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
                Run(adds, () => addAll(adds.ConvertAll(a => a.Grant)));
            }

            foreach (var pending in batch.OfType<PendingSync>())
            {
                Run([pending], () => [sync(pending.Request)]);
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

    private abstract class PendingWork;

    private abstract class Pending<TResult> : PendingWork
    {
        public TaskCompletionSource<TResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class PendingAdd(KeyGrant grant) : Pending<KeyAddOutcome>
    {
        public KeyGrant Grant { get; } = grant;
    }

    private sealed class PendingSync(KeySyncRequest request) : Pending<KeySyncResult>
    {
        public KeySyncRequest Request { get; } = request;
    }
}
