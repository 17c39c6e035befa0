namespace StackKit;

/// <summary>Which of a stack's log events to read.</summary>
public sealed class ServiceLogQuery
{
    /// <summary>How far back reading starts when <see cref="Since"/> is not set: ten minutes, as <c>aws logs tail</c>.</summary>
    public static readonly TimeSpan DefaultLookBack = TimeSpan.FromMinutes(10);

    /// <summary>How often <see cref="Follow"/> asks for new events: a new line shows within this plus CloudWatch's own delivery.</summary>
    public static readonly TimeSpan FollowPollInterval = TimeSpan.FromSeconds(2);

    /// <summary>The oldest events to show; null means <see cref="DefaultLookBack"/> before now.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>
    /// A CloudWatch Logs filter pattern (<c>ERROR</c>, <c>"exact phrase"</c>, <c>?warn ?error</c>, <c>{ $.level = "error" }</c>);
    /// null or empty shows every event.
    /// </summary>
    public string? Filter { get; init; }

    /// <summary>
    /// Keeps reading after the events there are now, polling every <see cref="FollowPollInterval"/>, until
    /// the enumeration is cancelled. False ends after the events there are.
    /// </summary>
    public bool Follow { get; init; }
}
