using System.Text.Json;
using System.Text.Json.Nodes;

namespace StackKit.Aws.Logs;

/// <summary>The CloudWatch Logs operations StackKit calls, mapped to and from the JSON 1.1 protocol.</summary>
internal sealed class LogsClient(JsonTransport transport)
{
    /// <summary>CloudWatch Logs' answer when the log group does not exist.</summary>
    public static bool IsGroupMissing(AwsServiceException error) => error.ErrorCode == "ResourceNotFoundException";

    /// <summary>One page of the group's events from <paramref name="startTime"/> on, oldest first, and the token for the next page.</summary>
    public async Task<LogEventPage> FilterLogEventsAsync(
        string logGroupName, DateTimeOffset startTime, string? filterPattern, string? nextToken, CancellationToken cancellationToken)
    {
        var input = new JsonObject
        {
            ["logGroupName"] = logGroupName,
            ["startTime"] = startTime.ToUnixTimeMilliseconds(),
            // Ignored by AWS since 2019 (it always interleaves the streams by time); emulators such as moto still read it.
            ["interleaved"] = true,
        };
        if (!string.IsNullOrEmpty(filterPattern))
        {
            input["filterPattern"] = filterPattern;
        }
        if (nextToken is not null)
        {
            input["nextToken"] = nextToken;
        }
        var answer = await transport.SendAsync(AwsService.Logs, "FilterLogEvents", input, cancellationToken).ConfigureAwait(false);
        var events = answer.TryGetProperty("events", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(LogEvent.FromJson).ToList()
            : [];
        var token = answer.TryGetProperty("nextToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        return new LogEventPage(events, token);
    }
}
