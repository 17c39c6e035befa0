namespace StackKit.Tests.FakeAws;

/// <summary>Records each report at once, on the reporting thread, with the clock time it arrived.</summary>
public sealed class RecordingProgress<T>(TimeProvider clock) : IProgress<T>
{
    private readonly List<(DateTimeOffset At, T Value)> _reports = [];

    public IReadOnlyList<(DateTimeOffset At, T Value)> Reports
    {
        get
        {
            lock (_reports)
            {
                return [.. _reports];
            }
        }
    }

    public void Report(T value)
    {
        lock (_reports)
        {
            _reports.Add((clock.GetUtcNow(), value));
        }
    }
}
