using System.Management.Automation;
using StackKit.PowerShell.Completion;
using StackKit.PowerShell.Validation;
using StackKit.Stacks;

namespace StackKit.PowerShell.Cmdlets;

/// <summary>
/// <para type="synopsis">Deletes HTTP service stacks and waits until they are gone.</para>
/// <para type="description">Deletes each stack and every resource in it, waiting until CloudFormation reports
/// DELETE_COMPLETE; a stack's image repository (New-HttpServiceStack -ImageRepository) stays with its images, and a
/// warning names it and how to delete it. Asks for confirmation unless -Force is given. A stack that does not exist gets a warning, not an
/// error. When a delete fails, the error names the resources that blocked it. Stacks StackKit did not create
/// (without the stackkit:managed-by tag) are refused, so a mistyped name never deletes someone else's stack.</para>
/// </summary>
/// <example>
/// <code>Remove-HttpServiceStack -StackName web</code>
/// <para>Asks for confirmation, then deletes the stack and waits.</para>
/// </example>
/// <example>
/// <code>Get-HttpServiceStack demo-* | Remove-HttpServiceStack -Force</code>
/// <para>Deletes every StackKit stack whose name starts with demo-, without asking.</para>
/// </example>
[Cmdlet(VerbsCommon.Remove, "HttpServiceStack", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Base + "remove-httpservicestack")]
[OutputType(typeof(StackDeleteResult))]
public sealed class RemoveHttpServiceStackCommand : StackKitCmdlet
{
    /// <summary>The stacks to delete; accepts the objects Get-HttpServiceStack writes.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(StackNameCompleter))]
    [ValidateNotNullOrEmpty]
    [ValidateStackName]
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
            // -Force skips the prompt, but -WhatIf (typed here or inherited as $WhatIfPreference) still only describes.
            const string action = "Delete the stack and every resource in it (VPC, load balancer, instances); an image repository (-ImageRepository) stays, with its images";
            if (!ShouldProcessUnlessForced(Force, name, action))
            {
                continue;
            }
            try
            {
                var result = RunWithProgress($"Deleting stack {name}", (progress, token) => Stacks.DeleteAsync(name, progress, token));
                if (result.Outcome == StackDeleteOutcome.DidNotExist)
                {
                    WriteWarning($"No stack named '{name}' exists in {Connection.Region.SystemName}; there was nothing to remove.");
                }
                if (result.KeptImageRepository is { } repository)
                {
                    WriteWarning($"Stack '{name}' is gone, but its image repository {repository} stays, with its images (ECR bills their storage). " +
                        $"Delete it when no stack runs them: aws ecr delete-repository --force --region {result.Region} --repository-name {repository.Substring(repository.IndexOf('/') + 1)}");
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
}
