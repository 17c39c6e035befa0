using StackKit.Stacks;

namespace StackKit.PowerShell;

/// <summary>An update's preview as the lines -WhatIf shows.</summary>
internal static class PreviewLines
{
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
    }
}
