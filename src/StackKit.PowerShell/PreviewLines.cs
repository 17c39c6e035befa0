using System.Management.Automation;
using StackKit.Logs;
using StackKit.PowerShell.Output;
using StackKit.Stacks;

namespace StackKit.PowerShell;

/// <summary>An update's preview as the lines -WhatIf shows.</summary>
internal static class PreviewLines
{
    /// <summary>-WhatIf of a change to a stack: the preview's lines on the host, each missing price and the drift as warnings.</summary>
    public static void WriteTo(Cmdlet cmdlet, StackChangePreview preview)
    {
        foreach (var line in Of(preview))
        {
            cmdlet.WriteInformation(new HostInformationMessage { Message = line }, ["PSHOST"]);
        }
        foreach (var missing in preview.Cost?.MissingPrices.Concat(preview.CostBefore?.MissingPrices ?? []).Distinct() ?? [])
        {
            cmdlet.WriteWarning($"Stack {preview.StackName}: price missing, left out of the cost: {missing}");
        }
        if (preview.DriftWarning is { } drift)
        {
            // The values are whatever was set outside StackKit: shown with control characters escaped.
            cmdlet.WriteWarning(TerminalText.Escape(drift));
        }
    }

    public static IEnumerable<string> Of(StackChangePreview preview)
    {
        if (preview.IsEmpty)
        {
            yield return $"What if: CloudFormation would change nothing in stack '{preview.StackName}'.";
            yield break;
        }
        foreach (var parameter in preview.ParameterChanges)
        {
            yield return $"What if: parameter {parameter}";
        }
        foreach (var change in preview.Changes)
        {
            yield return $"What if: {change}" + (change.Causes.Count > 0 ? $": {string.Join(", ", change.Causes)}" : "");
        }
        foreach (var note in preview.Notes)
        {
            yield return $"What if: {note}";
        }
        if (preview.CostChange is { } costChange)
        {
            yield return $"What if: {costChange}";
        }
        foreach (var line in preview.Cost is { } cost ? CostFormat.WhatIf(cost) : [])
        {
            yield return line;
        }
        if (preview.Drift is { } drift && drift.Status == StackDriftStatus.NotChecked)
        {
            yield return $"What if: drift was never detected on stack '{preview.StackName}'; to see manual changes this update could revert, first run Get-HttpServiceStack {preview.StackName} -Drift.";
        }
        else if (preview.Drift is { CheckedAt: { } checkedAt } && preview.DriftWarning is null)
        {
            yield return $"What if: at the last drift detection ({checkedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC) stack '{preview.StackName}' was {preview.Drift.Status}.";
        }
    }
}
