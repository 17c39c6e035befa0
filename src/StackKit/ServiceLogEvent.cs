using StackKit.Logs;

namespace StackKit;

/// <summary>One line the service wrote, as CloudWatch Logs received it from an instance's container.</summary>
/// <param name="Timestamp">When the container wrote it (UTC, millisecond precision).</param>
/// <param name="InstanceId">The instance that wrote it: its log stream's name.</param>
/// <param name="Message">The line, without its line break, as the instance wrote it (escape sequences included).</param>
public sealed record ServiceLogEvent(DateTimeOffset Timestamp, string InstanceId, string Message)
{
    /// <summary>
    /// The line to print: time, instance, message, with control characters shown as escapes (<c>\x1B</c>), so a line
    /// cannot drive the terminal it is printed on.
    /// </summary>
    public override string ToString() => $"{Timestamp.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ} {InstanceId} {TerminalText.Escape(Message)}";
}
