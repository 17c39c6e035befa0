using System.Text.Json;

namespace StackKit.Aws.Logs;

/// <summary>One event as FilterLogEvents returns it (botocore's <c>FilteredLogEvent</c>).</summary>
internal sealed record LogEvent(string EventId, string LogStreamName, DateTimeOffset Timestamp, string Message)
{
    // Milliseconds since 1970 that a DateTimeOffset can hold; anything else is a malformed answer, not a date.
    private static readonly long LatestMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    public static LogEvent FromJson(JsonElement element) => new(
        element.Text("eventId") ?? throw new FormatException("A FilterLogEvents event has no eventId."),
        element.Text("logStreamName") ?? "",
        TimestampOf(element),
        element.Text("message") ?? "");

    private static DateTimeOffset TimestampOf(JsonElement element) =>
        element.TryGetProperty("timestamp", out var time) && time.ValueKind == JsonValueKind.Number && time.TryGetInt64(out var milliseconds)
            && milliseconds >= 0 && milliseconds <= LatestMilliseconds
            ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
            : throw new FormatException("A FilterLogEvents event has no timestamp in milliseconds since 1970.");
}
