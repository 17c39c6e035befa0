using StackKit.Logs;

namespace StackKit.PowerShell.Output;

/// <summary>What the format file shows of a log line: its message with control characters as visible escapes.</summary>
public static class LogLineFormat
{
    /// <summary>The message of <paramref name="logEvent"/>, safe to print on a terminal.</summary>
    public static string Message(ServiceLogEvent logEvent) => TerminalText.Escape((logEvent ?? throw new ArgumentNullException(nameof(logEvent))).Message);
}
