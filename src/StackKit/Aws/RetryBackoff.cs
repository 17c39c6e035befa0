using System.Net;
using Amazon.Runtime.Internal;

namespace StackKit.Aws;

/// <summary>
/// When a failed call is worth repeating and how long to wait first. The error codes are AWSSDK.Core's own lists;
/// the delay is the SDKs' "standard" mode: full jitter over an exponential backoff capped at 20 s.
/// </summary>
internal sealed class RetryBackoff(int maxAttempts, Random jitter)
{
    private static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(20);
    private static readonly StandardRetryPolicy SdkPolicy = new(3);
    private readonly object _jitterLock = new();

    public int MaxAttempts { get; } = maxAttempts > 0
        ? maxAttempts
        : throw new ArgumentOutOfRangeException(nameof(maxAttempts), maxAttempts, "At least one attempt is needed.");

    public static bool IsThrottling(string errorCode) => SdkPolicy.ThrottlingErrorCodes.Contains(errorCode);

    public static bool IsRetryable(HttpStatusCode? status, string errorCode) =>
        status is null
        || (int)status.Value >= 500
        || IsThrottling(errorCode)
        || SdkPolicy.ErrorCodesToRetryOn.Contains(errorCode)
        || SdkPolicy.TimeoutErrorCodesToRetryOn.Contains(errorCode);

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1, after <paramref name="attempt"/> (1-based) failed.</summary>
    public TimeSpan DelayAfter(int attempt)
    {
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
        double fraction;
        lock (_jitterLock)
        {
            fraction = jitter.NextDouble();
        }
        return TimeSpan.FromMilliseconds(ceiling * fraction);
    }

    /// <summary>Runs <paramref name="attempt"/> until it succeeds, fails for good, or the attempts are used up.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> attempt, TimeProvider time, CancellationToken cancellationToken)
    {
        for (var number = 1; ; number++)
        {
            try
            {
                return await attempt().ConfigureAwait(false);
            }
            catch (AwsServiceException error) when (number < MaxAttempts && IsRetryable(error.StatusCode, error.ErrorCode))
            {
                await time.DelayAsync(DelayAfter(number), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
