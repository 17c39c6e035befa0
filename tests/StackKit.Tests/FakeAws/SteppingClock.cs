using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace StackKit.Tests.FakeAws;

/// <summary>
/// A fake clock that moves only when the code under test waits: each time it starts a timer, <see cref="RunAsync{T}"/>
/// advances exactly to that timer's due time. Waits take no real time and what happens "at" a moment is exact.
/// </summary>
public sealed class SteppingClock : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();
    private Task<TimeSpan>? _nextTimer;

    public SteppingClock()
        : base(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>Every wait the code under test started, in order.</summary>
    public List<TimeSpan> Waits { get; } = [];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _timers.Writer.TryWrite(dueTime);
        }
        return timer;
    }

    /// <summary>Runs <paramref name="operation"/> to the end, advancing the clock through each of its waits.</summary>
    public async Task<T> RunAsync<T>(Task<T> operation)
    {
        while (true)
        {
            _nextTimer ??= _timers.Reader.ReadAsync().AsTask();
            if (await Task.WhenAny(operation, _nextTimer) == operation)
            {
                return await operation;
            }
            var due = await _nextTimer;
            _nextTimer = null;
            Waits.Add(due);
            Advance(due);
        }
    }

    public Task RunAsync(Task operation) => RunAsync(Completion(operation));

    private static async Task<bool> Completion(Task operation)
    {
        await operation;
        return true;
    }
}
