using System.Management.Automation;
using StackKit.PowerShell.Completion;
using StackKit.PowerShell.Output;
using StackKit.PowerShell.Validation;

namespace StackKit.PowerShell.Cmdlets;

/// <summary>
/// <para type="synopsis">Gets the deploys of a stack's image, newest first: what ran, who deployed it, when, and whether it serves now.</para>
/// <para type="description">Reads the history the stack keeps in its own template (metadata StackKit::Deployments; the
/// newest 10 deploys) and writes one object per deploy, newest first: Image, Digest (when the reference names one),
/// Principal (the IAM identity that deployed it), DeployedAt and Outcome: Serving for the image running now, Succeeded
/// for one that served before, InProgress while an update runs. An update CloudFormation rolled back takes its entry
/// back with it, so the list holds the deploys that took effect; the error of the failed update said why. A stack made
/// before the history starts it with the image it had then. Pipe a deploy to Undo-HttpServiceStack to go back to its image.</para>
/// </summary>
/// <example>
/// <code>Get-HttpServiceDeployment -StackName web</code>
/// <para>Lists the stack's deploys, newest first.</para>
/// </example>
/// <example>
/// <code>Get-HttpServiceDeployment web | Where-Object Image -like '*:1.4*' | Select-Object -First 1 | Undo-HttpServiceStack -WhatIf</code>
/// <para>Shows what going back to release 1.4 would change, without changing anything.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "HttpServiceDeployment", HelpUri = HelpLinks.Base + "get-httpservicedeployment")]
[OutputType(typeof(DeploymentInfo))]
public sealed class GetHttpServiceDeploymentCommand : StackKitCmdlet
{
    /// <summary>The stacks whose deploys to get; accepts the objects Get-HttpServiceStack writes, and reads in their region.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(StackNameCompleter))]
    [ValidateNotNullOrEmpty]
    [ValidateStackName]
    public string[] StackName { get; set; } = [];

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var name in StackName)
        {
            if (!PipedStackFitsRegion())
            {
                continue;
            }
            try
            {
                var service = Stacks;
                foreach (var deployment in Await(token => service.ListDeploymentsAsync(name, token)))
                {
                    WriteObject(DeploymentInfo.From(deployment, OutputEndpoint));
                }
            }
            catch (Exception error) when (ErrorRecordFor(error, name) is not null)
            {
                WriteStackError(error, name);
            }
        }
    }
}
