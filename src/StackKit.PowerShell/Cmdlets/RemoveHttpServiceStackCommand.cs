using System.Management.Automation;
using StackKit.PowerShell.Completion;
using StackKit.Stacks;

namespace StackKit.PowerShell.Cmdlets;

/// <summary>
/// <para type="synopsis">Deletes HTTP service stacks and waits until they are gone.</para>
/// </summary>
[Cmdlet(VerbsCommon.Remove, "HttpServiceStack", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(StackDeleteResult))]
public sealed class RemoveHttpServiceStackCommand : StackKitCmdlet
{
    /// <summary>The stacks to delete; accepts the objects Get-HttpServiceStack writes.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(StackNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] StackName { get; set; } = [];

    /// <summary>Deletes without asking for confirmation.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Writes the outcome of each delete (Deleted or DidNotExist).</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var name in StackName)
        {
            // -Force skips the prompt, but -WhatIf still only describes.
            var skipPrompt = Force && !WhatIfRequested();
            if (!skipPrompt && !ShouldProcess(name, "Delete the stack and every resource in it (VPC, load balancer, instances)"))
            {
                continue;
            }
            try
            {
                var result = RunWithProgress($"Deleting stack {name}", 0, (progress, token) => Stacks.DeleteAsync(name, progress, token));
                if (result.Outcome == StackDeleteOutcome.DidNotExist)
                {
                    WriteWarning($"No stack named '{name}' exists in {Connection.Region.SystemName}; there was nothing to remove.");
                }
                if (PassThru)
                {
                    WriteObject(result);
                }
            }
            catch (Exception error) when (ErrorRecordFor(error, name) is not null)
            {
                WriteStackError(error, name);
            }
        }
    }

    private bool WhatIfRequested() =>
        MyInvocation.BoundParameters.TryGetValue("WhatIf", out var whatIf) && ((SwitchParameter)whatIf).IsPresent;
}
