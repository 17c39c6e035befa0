namespace StackKit.PowerShell;

/// <summary>Where Get-Help -Online goes: each cmdlet's section of docs/cmdlets.md, generated from the same source as the help.</summary>
internal static class HelpLinks
{
    public const string Base = "https://github.com/stackkit/stackkit/blob/main/docs/cmdlets.md#";
}
