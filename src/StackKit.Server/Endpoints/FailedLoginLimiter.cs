using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;

namespace StackKit.Server.Endpoints;

/// <summary>
/// Slows password guessing: each client may fail <see cref="AllowedFailures"/> times, then once per
/// the replenishment period; while it may not, it is answered 429 before its password is checked. Failed attempts
/// counted per client address, an IPv6 client per /64 (one host owns a whole /64 and could otherwise rotate through it);
/// they are logged with the client's address, at most <see cref="LogLines"/> lines at once and then one per
/// the replenishment period, so that guessing cannot flood the log either.
/// </summary>
internal sealed class FailedLoginLimiter(TimeSpan replenishment) : IDisposable
{
    public const int AllowedFailures = 10;
    public const int LogLines = 10;
    public static readonly TimeSpan DefaultReplenishment = TimeSpan.FromSeconds(6);

    private readonly PartitionedRateLimiter<string> failures = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetTokenBucketLimiter(NetworkOf(client), _ => Bucket(AllowedFailures, replenishment)));

    private readonly TokenBucketRateLimiter logLines = new(Bucket(LogLines, replenishment));
    private long unlogged;

    /// <summary>How long a client waits for each further attempt once it has used up its failures.</summary>
    public TimeSpan Replenishment { get; } = replenishment;

    /// <summary>True while <paramref name="client"/> has used up its failures; does not consume anything.</summary>
    public bool IsBlocked(string client) =>
        // Not AttemptAcquire(0): partitions replenish continuously, and a fraction of a token already counts for it.
        failures.GetStatistics(client) is { CurrentAvailablePermits: < 1 };

    public void RecordFailure(string client, ILogger logger)
    {
        using (failures.AttemptAcquire(client))
        {
        }

        Log(() => ServerLog.AuthenticationFailed(logger, client, Interlocked.Exchange(ref unlogged, 0)));
    }

    public void RecordBlocked(string client, ILogger logger) =>
        Log(() => ServerLog.AuthenticationBlocked(logger, client, Interlocked.Exchange(ref unlogged, 0)));

    public void Dispose()
    {
        failures.Dispose();
        logLines.Dispose();
    }

    private void Log(Action write)
    {
        using var line = logLines.AttemptAcquire();
        if (line.IsAcquired)
        {
            write();
        }
        else
        {
            Interlocked.Increment(ref unlogged);
        }
    }

    private static string NetworkOf(string client)
    {
        if (!IPAddress.TryParse(client, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return client;
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static TokenBucketRateLimiterOptions Bucket(int size, TimeSpan replenishment) => new()
    {
        TokenLimit = size,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = replenishment,
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
