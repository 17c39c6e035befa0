using System.Management.Automation;
using StackKit.Logs;
using StackKit.PowerShell.Completion;
using StackKit.PowerShell.Output;
using StackKit.PowerShell.Validation;

namespace StackKit.PowerShell.Cmdlets;

/// <summary>
/// <para type="synopsis">Rolls an HTTP service stack back to the image it ran before, or to one from its deploys.</para>
/// <para type="description">Without -Image, goes back to the newest image in the stack's history
/// (Get-HttpServiceDeployment) that is not the one serving; with -Image, or a deploy piped from Get-HttpServiceDeployment,
/// to that image, which the history must hold. It is an update of the image: checked first (-SkipPreflight skips
/// that), rolled out one server at a time, and recorded in the history as a deploy of its own. It is sent without
/// rollback triggers: an undo usually runs while a health alarm is in ALARM, and CloudFormation would roll it back. The
/// confirmation (-Confirm) names the stack and the image, read from the history first; the undo then deploys exactly
/// that image. -WhatIf shows CloudFormation's own list of what would change, from a change set it
/// deletes again. A stack whose history holds no earlier image is refused, and nothing is sent.</para>
/// </summary>
/// <example>
/// <code>Undo-HttpServiceStack -StackName web</code>
/// <para>Goes back to the image that served before the current one.</para>
/// </example>
/// <example>
/// <code>Get-HttpServiceDeployment web | Select-Object -Skip 2 -First 1 | Undo-HttpServiceStack -WhatIf</code>
/// <para>Shows what going back to the third-newest deploy would change; without -WhatIf, goes back to it.</para>
/// </example>
[Cmdlet(VerbsCommon.Undo, "HttpServiceStack", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "undo-httpservicestack")]
[OutputType(typeof(HttpServiceStackInfo))]
public sealed class UndoHttpServiceStackCommand : StackKitCmdlet
{
    /// <summary>The stack to roll back; accepts the objects Get-HttpServiceStack and Get-HttpServiceDeployment write.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(StackNameCompleter))]
    [ValidateNotNullOrEmpty]
    [ValidateStackName]
    public string StackName { get; set; } = string.Empty;

    /// <summary>An image from the stack's history to go back to; without it, the one that served before the current one. Bound from a piped deploy's Image.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? Image { get; set; }

    /// <summary>Skips the check that the image can still be pulled; a warning says so.</summary>
    [Parameter]
    public SwitchParameter SkipPreflight { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (!PipedStackFitsRegion())
        {
            return;
        }
        // The confirmation names the image: it is read from the history first, and the undo then deploys exactly it.
        string target;
        try
        {
            target = Await(token => Stacks.FindUndoImageAsync(Request(warnings: null), token));
        }
        catch (Exception error) when (ErrorRecordFor(error, StackName) is not null)
        {
            WriteStackError(error, StackName);
            return;
        }
        // The image is read from the template's metadata, which anyone who may update the stack can write: escaped for the prompt.
        if (!ShouldProcess($"stack {StackName}", $"Roll back to image {TerminalText.Escape(target)}"))
        {
            if (WhatIfInEffect())
            {
                ShowPreview(target);
            }
            return;
        }
        try
        {
            var result = RunWithProgress(
                $"Rolling stack {StackName} back to {target}",
                (progress, warnings, token) => Stacks.UndoAsync(Request(warnings, target), progress, token));
            WriteObject(Output(result.Stack));
        }
        catch (Exception error) when (ErrorRecordFor(error, StackName) is not null)
        {
            WriteStackError(error, StackName);
        }
    }

    /// <summary>-WhatIf: the image it goes back to and CloudFormation's own list of changes, from a change set that is deleted again.</summary>
    private void ShowPreview(string target)
    {
        try
        {
            var request = Request(warnings: null, target);
            var preview = Await(token => Stacks.PreviewUndoAsync(request, token));
            PreviewLines.WriteTo(this, preview);
        }
        catch (Exception error) when (ErrorRecordFor(error, StackName) is not null)
        {
            WriteStackError(error, StackName);
        }
    }

    private HttpServiceUndoRequest Request(IProgress<PreflightWarning>? warnings, string? image = null) => new()
    {
        StackName = StackName,
        Image = image ?? Image,
        SkipPreflight = SkipPreflight,
        Warnings = warnings,
    };
}
