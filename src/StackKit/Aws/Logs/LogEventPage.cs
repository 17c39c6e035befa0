namespace StackKit.Aws.Logs;

/// <summary>One page of FilterLogEvents: its events and the token for the next page (null on the last).</summary>
internal sealed record LogEventPage(IReadOnlyList<LogEvent> Events, string? NextToken);
