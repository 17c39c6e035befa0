namespace StackKit.Stacks;

/// <summary>
/// Finds the lines that explain a failed boot in an instance's console output. The user data prints
/// <c>stackkit: step N/M: ...</c> before each step and <c>stackkit: FAILED at step N/M: ...</c> when one fails;
/// cloud-init prefixes them (<c>[  41.2] cloud-init[1570]: </c>), so they are found anywhere in a line.
/// </summary>
internal static class BootConsole
{
    public const string Marker = "stackkit: ";
    public const string StepMarker = Marker + "step ";
    public const string FailedMarker = Marker + "FAILED ";

    /// <summary>Lines kept at most: a failed step's own output can be long (a stack trace, docker's usage text).</summary>
    private const int MaxLines = 6;

    private const int MaxLineLength = 400;

    /// <summary>Lines kept from a console without any StackKit line (another image's boot, a kernel panic): its last ones.</summary>
    private const int TailLines = 3;

    /// <summary>
    /// From the last step line to the failure line (the step, the tool's own error, the FAILED line); when nothing
    /// failed, from the last step reached to the end (what it was doing when it stalled); with no StackKit line at
    /// all, the console's last lines.
    /// </summary>
    public static IReadOnlyList<string> FailureLines(string console)
    {
        var lines = console.Replace("\r", "").Split('\n');
        var failed = Array.FindLastIndex(lines, line => line.Contains(FailedMarker, StringComparison.Ordinal));
        var lastStep = Array.FindLastIndex(lines, line => line.Contains(StepMarker, StringComparison.Ordinal));
        var end = failed >= 0 ? failed : lastStep >= 0 ? lines.Length - 1 : -1;
        if (end < 0)
        {
            var tail = lines.Select(Clean).Where(line => line.Length > 0).ToList();
            return tail.Skip(Math.Max(0, tail.Count - TailLines)).ToList();
        }
        var start = Array.FindLastIndex(lines, end, line => line.Contains(StepMarker, StringComparison.Ordinal));
        var from = start < 0 ? end : start;
        var picked = lines.Skip(from).Take(end - from + 1).Select(Clean).Where(line => line.Length > 0).ToList();
        // The step and the failure matter most: the tool's output between them gives way first.
        return picked.Count <= MaxLines ? picked : [picked[0], .. picked.Skip(picked.Count - (MaxLines - 1))];
    }

    /// <summary>A line without cloud-init's prefix before the marker, and without control characters.</summary>
    private static string Clean(string line)
    {
        var marker = line.IndexOf(Marker, StringComparison.Ordinal);
        var text = marker >= 0 ? line.Substring(marker) : StripPrefix(line);
        text = new string(text.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return text.Length <= MaxLineLength ? text : text.Remove(MaxLineLength) + "…";
    }

    /// <summary>Drops <c>[   41.2] cloud-init[1570]: </c> from a tool's own line.</summary>
    private static string StripPrefix(string line)
    {
        var cloudInit = line.IndexOf("cloud-init[", StringComparison.Ordinal);
        var colon = cloudInit >= 0 ? line.IndexOf("]: ", cloudInit, StringComparison.Ordinal) : -1;
        return colon >= 0 ? line.Substring(colon + 3) : line;
    }
}
