using System.Management.Automation;
using StackKit.PowerShell.Output;
using StackKit.HttpService;
using StackKit.PowerShell.Completion;
using StackKit.PowerShell.Validation;
using StackKit.Stacks;

namespace StackKit.PowerShell.Cmdlets;

/// <summary>
/// <para type="synopsis">Changes parameters of an HTTP service stack (a new Docker image, say); the others keep their values.</para>
/// <para type="description">Updates the stack with the parameters you name and waits until the update ends, showing
/// progress. Every parameter you do not name keeps its previous value, and the template stays as it is. An update that
/// changes nothing is a success and says so. The values you change are checked first, as New-HttpServiceStack checks
/// them (-SkipPreflight skips this). -WhatIf shows CloudFormation's own list of what would change, from a change set it
/// deletes again (also on Ctrl-C). A failed update names the resource that failed and why. Stacks StackKit did not create are refused.</para>
/// </summary>
/// <example>
/// <code>Update-HttpServiceStack -StackName web -DockerImage registry.example.com/web:1.5</code>
/// <para>Rolls the servers onto a new image.</para>
/// </example>
/// <example>
/// <code>Update-HttpServiceStack -StackName web -DockerImage registry.example.com/web:1.6 -WhatIf</code>
/// <para>Shows what CloudFormation would change (each resource with Add, Modify or Remove, and whether it is replaced)
/// and that the servers would be replaced one by one, from a change set that is deleted again: nothing changes.</para>
/// </example>
/// <example>
/// <code>Get-HttpServiceStack web | Update-HttpServiceStack -InstanceType t3.small</code>
/// <para>Takes the stack from the pipeline and changes only the instance type.</para>
/// </example>
[Cmdlet(VerbsData.Update, "HttpServiceStack", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = SshAccessSet, HelpUri = HelpLinks.Base + "update-httpservicestack")]
[OutputType(typeof(HttpServiceStackInfo))]
public sealed class UpdateHttpServiceStackCommand : HttpServiceParameterCmdlet
{
    /// <summary>The stack to update; accepts the objects Get-HttpServiceStack writes.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(StackNameCompleter))]
    [ValidateNotNullOrEmpty]
    [ValidateStackName]
    public string StackName { get; set; } = string.Empty;

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var change = DescribeGiven();
        if (change.Length == 0)
        {
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException("Name what to change: -DockerImage, -InstanceType, -AmiId, -SshKeyName, -SshCidr or -ServiceCredential."),
                "NothingToUpdate", ErrorCategory.InvalidArgument, StackName));
        }
        if (!PipedStackFitsRegion() || !ShouldProcess(StackName, $"Update the stack with {change}; every other parameter keeps its value"))
        {
            if (WhatIfInEffect())
            {
                ShowPreview();
            }
            return;
        }
        try
        {
            var result = RunWithProgress(
                $"Updating stack {StackName}",
                (progress, warnings, token) => Stacks.UpdateAsync(
                    StackName,
                    new HttpServiceStackUpdate
                    {
                        DockerImage = DockerImage,
                        InstanceType = InstanceType,
                        AmiId = AmiId,
                        SshKeyName = SshKeyName,
                        SshCidr = SshCidr,
                        ServiceCredential = GivenCredential(),
                        SkipPreflight = SkipPreflight,
                        Warnings = warnings,
                    },
                    progress,
                    token));
            if (result.Outcome == StackUpdateOutcome.NothingToChange)
            {
                WriteInformation(new HostInformationMessage { Message = $"Stack '{StackName}' already runs with {change}: nothing to change." }, ["PSHOST"]);
            }
            // The same object Get-HttpServiceStack writes, live capacity included.
            WriteObject(Output(result.Stack));
        }
        catch (Exception error) when (ErrorRecordFor(error, StackName) is not null)
        {
            WriteStackError(error, StackName);
        }
    }

    /// <summary>-WhatIf: CloudFormation's own list of changes, from a change set that is deleted again.</summary>
    private void ShowPreview()
    {
        try
        {
            var update = new HttpServiceStackUpdate
            {
                DockerImage = DockerImage,
                InstanceType = InstanceType,
                AmiId = AmiId,
                SshKeyName = SshKeyName,
                SshCidr = SshCidr,
                ServiceCredential = GivenCredential(),
            };
            var preview = Await(token => Stacks.PreviewUpdateAsync(StackName, update, token));
            foreach (var line in PreviewLines.Of(preview))
            {
                WriteInformation(new HostInformationMessage { Message = line }, ["PSHOST"]);
            }
        }
        catch (Exception error) when (ErrorRecordFor(error, StackName) is not null)
        {
            WriteStackError(error, StackName);
        }
    }
}
