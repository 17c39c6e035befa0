using System.Text.Json;

namespace StackKit.Aws.Logs;

/// <summary>One event as FilterLogEvents returns it (botocore's <c>FilteredLogEvent</c>).</summary>
internal sealed record LogEvent(string EventId, string LogStreamName, DateTimeOffset Timestamp, string Message)
{
    public static LogEvent FromJson(JsonElement element) => new(
        Text(element, "eventId") ?? throw new FormatException("A FilterLogEvents event has no eventId."),
        Text(element, "logStreamName") ?? "",
        DateTimeOffset.FromUnixTimeMilliseconds(element.TryGetProperty("timestamp", out var time) ? time.GetInt64() : 0),
        Text(element, "message") ?? "");

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
