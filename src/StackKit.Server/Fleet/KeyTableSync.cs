using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackKit.Server.Storage;

namespace StackKit.Server.Fleet;

/// <summary>
/// The sync loop of fleet mode: at start and then every interval, reads the whole key table and makes the keys this
/// server manages equal to it, expired keys gone. A read that fails (or is partial, or finds no table) adds and
/// takes away nothing but the keys whose time is over: a store outage never takes a valid key away, and never keeps an
/// expired one (sshd refuses it anyway, by its line's <c>expiry-time</c>).
/// </summary>
internal sealed class KeyTableSync(KeyTable table, AuthorizedKeysStore store, TimeSpan interval, TimeProvider time, ILogger<KeyTableSync> logger)
    : BackgroundService
{
    private string? lastProblem;

    /// <summary>Reads the table and applies it once; returns what changed, or null when the table could not be read.</summary>
    public async Task<KeySyncResult?> SyncOnceAsync(CancellationToken cancellationToken)
    {
        KeyTableContents contents;
        var now = time.GetUtcNow();
        try
        {
            contents = await table.ReadAllAsync(now, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (KeyTable.IsUnavailable(exception) && !cancellationToken.IsCancellationRequested)
        {
            Report($"read failed: {exception.GetType().Name}", () => ServerLog.KeyTableReadFailed(logger, table.TableName, exception.Message));
            await RemoveExpiredAsync(now).ConfigureAwait(false);
            return null;
        }

        KeySyncResult result;
        try
        {
            result = await store.SyncAsync(contents.Grants, contents.Fingerprints, now).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Report($"write failed: {exception.Message}", () => ServerLog.KeySyncWriteFailed(logger, store.SshDirectory, exception.Message));
            return null;
        }

        if (!result.Unchanged)
        {
            ServerLog.KeysSynced(logger, result.Added, result.Removed, table.TableName, store.AuthorizedKeysPath);
        }

        var problem = result.Full > 0 || contents.Invalid > 0 ? $"full {result.Full}, invalid {contents.Invalid}" : null;
        Report(problem, () => ServerLog.KeyTableNotFullyApplied(logger, table.TableName, result.Full, contents.Invalid, store.MaxKeys));
        return result;
    }

    // Without the table, the expired lines still go: what is on disk then says what sshd accepts.
    private async Task RemoveExpiredAsync(DateTimeOffset now)
    {
        try
        {
            var removed = await store.RemoveExpiredAsync(now).ConfigureAwait(false);
            if (!removed.Unchanged)
            {
                ServerLog.ExpiredKeysRemoved(logger, removed.Removed, store.AuthorizedKeysPath);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            ServerLog.KeySyncWriteFailed(logger, store.SshDirectory, exception.Message);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                await SyncOnceAsync(stoppingToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // An unforeseen failure must not stop the host (and restart it in a loop): log, retry next cycle.
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                Report($"failed: {exception.GetType().Name}", () => ServerLog.KeySyncWriteFailed(logger, store.SshDirectory, exception.ToString()));
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    // One log line when a problem starts or changes, one when it ends: not one every ten seconds while it lasts.
    private void Report(string? problem, Action log)
    {
        if (problem == lastProblem)
        {
            return;
        }

        if (problem is null)
        {
            ServerLog.KeyTableSyncRecovered(logger, table.TableName);
        }
        else
        {
            log();
        }

        lastProblem = problem;
    }
}
