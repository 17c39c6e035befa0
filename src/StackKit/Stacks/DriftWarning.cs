using System.Globalization;

namespace StackKit.Stacks;

/// <summary>
/// What an update means for a drifted stack: the resources the change set changes are set from the template again,
/// which may revert their manual changes (and fails on a deleted one); the others keep them, until an update changes them.
/// </summary>
internal static class DriftWarning
{
    public static string? For(StackChangePreview preview)
    {
        if (preview.Drift is not { Status: var status } drift || status != StackDriftStatus.Drifted)
        {
            return null;
        }
        var touched = new HashSet<string>(preview.Changes.Select(change => change.LogicalId), StringComparer.Ordinal);
        var drifted = drift.Drifted.ToList();
        var checkedAt = drift.CheckedAt is { } at ? $" at the last detection, {at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC" : "";
        var parts = new List<string> { $"Stack '{drift.StackName}' has drifted{checkedAt}: resources were changed outside StackKit." };
        if (drift.DetectionFailure is { } failure)
        {
            parts.Add(failure.TrimEnd('.') + ".");
        }
        var reverted = drifted.Where(r => r.Status == ResourceDriftStatus.Modified && touched.Contains(r.LogicalId)).ToList();
        if (reverted.Count > 0)
        {
            parts.Add($"This update changes {Names(reverted, withDifferences: true)}; CloudFormation sets them from the template and may revert those manual changes.");
        }
        var deleted = drifted.Where(r => r.Status == ResourceDriftStatus.Deleted && touched.Contains(r.LogicalId)).ToList();
        if (deleted.Count > 0)
        {
            parts.Add($"This update changes {Names(deleted, withDifferences: false)}, deleted outside CloudFormation: the update fails there and rolls back.");
        }
        var kept = drifted.Where(r => !touched.Contains(r.LogicalId)).ToList();
        if (kept.Count > 0)
        {
            parts.Add($"This update leaves {Names(kept, withDifferences: false)} as they are; the next update that changes them may revert their manual changes.");
        }
        parts.Add($"Detect drift again for the present state: Get-HttpServiceStack {drift.StackName} -Drift (C#: DetectDriftAsync).");
        return string.Join(" ", parts);
    }

    private static string Names(IEnumerable<ResourceDrift> resources, bool withDifferences) =>
        string.Join(", ", resources.Select(r =>
            $"{r.LogicalId} ({r.ResourceType}, {r.Status}" +
            (withDifferences && r.PropertyDifferences.Count > 0 ? $": {string.Join("; ", r.PropertyDifferences)}" : "") + ")"));
}
