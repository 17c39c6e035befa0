using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace StackKit.Server.Storage;

/// <summary>
/// Without a key table, takes the expired keys' lines out of <c>authorized_keys</c> once a minute (sshd already
/// refuses them by their <c>expiry-time</c>; this keeps the file saying what it accepts, and its cap free). In fleet mode
/// the sync does it.
/// </summary>
internal sealed class ExpiredKeyRemoval(AuthorizedKeysStore store, TimeProvider time, ILogger<ExpiredKeyRemoval> logger) : BackgroundService
{
    /// <summary>How often expired keys are looked for.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                var result = await store.RemoveExpiredAsync(time.GetUtcNow()).ConfigureAwait(false);
                if (!result.Unchanged)
                {
                    ServerLog.ExpiredKeysRemoved(logger, result.Removed, store.AuthorizedKeysPath);
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                ServerLog.KeySyncWriteFailed(logger, store.SshDirectory, exception.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
