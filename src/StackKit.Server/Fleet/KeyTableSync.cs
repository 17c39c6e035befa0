using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackKit.Server.Storage;

namespace StackKit.Server.Fleet;

/// <summary>
/// The sync loop of fleet mode: at start and then every interval, reads the whole key table and makes the keys this
/// server manages equal to it. A read that fails (or is partial, or finds no table) changes nothing: a store outage
/// never takes a key away.
/// </summary>
internal sealed class KeyTableSync(KeyTable table, AuthorizedKeysStore store, TimeSpan interval, TimeProvider time, ILogger<KeyTableSync> logger)
    : BackgroundService
{
    private string? lastProblem;

    /// <summary>Reads the table and applies it once; returns what changed, or null when the table could not be read.</summary>
    public async Task<KeySyncResult?> SyncOnceAsync(CancellationToken cancellationToken)
    {
        KeyTableContents contents;
        try
        {
            contents = await table.ReadAllAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (KeyTable.IsUnavailable(exception) && !cancellationToken.IsCancellationRequested)
        {
            Report($"read failed: {exception.GetType().Name}", () => ServerLog.KeyTableReadFailed(logger, table.TableName, exception.Message));
            return null;
        }

        KeySyncResult result;
        try
        {
            result = await store.SyncAsync(contents.Keys, contents.Fingerprints).ConfigureAwait(false);
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
