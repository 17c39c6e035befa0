using StackKit.Logs;

namespace StackKit.PowerShell.Output;

/// <summary>
/// What the format file shows of a drift result: a line per resource and an indented line per property difference,
/// with control characters as visible escapes, as the values are whatever was set outside StackKit.
/// </summary>
public static class DriftFormat
{
    /// <summary>The resources of <paramref name="drift"/> as lines, safe to print on a terminal.</summary>
    public static string Resources(StackDriftInfo drift)
    {
        _ = drift ?? throw new ArgumentNullException(nameof(drift));
        if (drift.Resources.Count == 0)
        {
            return drift.DriftStatus == StackDriftStatus.InSync.Value ? "none changed outside StackKit" : "none listed";
        }
        var lines = drift.Resources.SelectMany(resource =>
            new[] { resource + (resource.Reason is null ? "" : $": {resource.Reason}") }
                .Concat(resource.PropertyDifferences.Select(difference => $"  {difference}")));
        return string.Join(Environment.NewLine, lines.Select(TerminalText.Escape));
    }
}
