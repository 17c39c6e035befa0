namespace StackKit.Aws;

/// <summary>A cancellable wait on a <see cref="TimeProvider"/>, so tests drive waits with a fake clock.</summary>
internal static class TimeProviderDelay
{
    public static Task DelayAsync(this TimeProvider time, TimeSpan delay, CancellationToken cancellationToken) =>
#if NET
        Task.Delay(delay, time, cancellationToken);
#else
        TimeProviderTaskExtensions.Delay(time, delay, cancellationToken);
#endif
}
