namespace StackKit.Stacks;

/// <summary>
/// How long to wait before each poll of a stack: quick at first (small stacks and no-op updates finish in seconds),
/// then steady. Steady is 4.25 s ± 12% jitter: at most 4.76 s, so an end is seen within 5 s, and about 70 polls fit a
/// 5-minute create, inside a budget of 80 calls. Jitter keeps many watchers from polling in step.
/// </summary>
internal sealed class PollingSchedule(Random jitter)
{
    public static readonly TimeSpan Steady = TimeSpan.FromSeconds(4.25);

    private const double JitterFraction = 0.12;
    private static readonly TimeSpan[] Warmup = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3)];
    private readonly object _jitterLock = new();

    /// <summary>The wait before poll number <paramref name="poll"/> (0 for the first).</summary>
    public TimeSpan DelayBefore(int poll)
    {
        var baseDelay = poll < Warmup.Length ? Warmup[poll] : Steady;
        double fraction;
        lock (_jitterLock)
        {
            fraction = jitter.NextDouble();
        }
        return TimeSpan.FromTicks((long)(baseDelay.Ticks * (1 - JitterFraction + (2 * JitterFraction * fraction))));
    }
}
