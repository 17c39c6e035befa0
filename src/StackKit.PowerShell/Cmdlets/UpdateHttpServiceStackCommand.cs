using System.Management.Automation;
using StackKit.PowerShell.Output;
using StackKit.HttpService;
using StackKit.PowerShell.Completion;
using StackKit.PowerShell.Validation;
using StackKit.Preflight;
using StackKit.Stacks;

namespace StackKit.PowerShell.Cmdlets;

/// <summary>
/// <para type="synopsis">Changes parameters of an HTTP service stack (a new Docker image, say); the others keep their values.</para>
/// <para type="description">Updates the stack with the parameters you name and waits until the update ends, showing
/// progress. Every parameter you do not name keeps its previous value. The template stays as it is, unless you change a
/// template option (the parameters docs/options.md lists as changed by an update; '' removes one that can go): the
/// template is then rebuilt from the options the stack was created with and your changes, and -WhatIf shows what that adds,
/// changes or removes. An update that
/// changes nothing is a success and says so. The values you change are checked first, as New-HttpServiceStack checks
/// them (-SkipPreflight skips this). -WhatIf shows CloudFormation's own list of what would change, from a change set it
/// deletes again (also on Ctrl-C), and, when the last drift detection (Get-HttpServiceStack -Drift) found resources
/// changed outside StackKit, warns which ones the update changes, and so may set back to the template, and which it
/// leaves. -WhatIf reads that result rather than detecting again, which takes minutes on large stacks. A failed update
/// names the resource that failed and why. Stacks StackKit did not create are refused.</para>
/// <para type="description">The update is watched: CloudFormation rolls it back when the stack's health alarms (hosts
/// unhealthy, backend 5XX answers) go to ALARM during the update or for -MonitoringMinutes after every server runs the
/// new version (default 5), and the progress shows that time. The error of such a rollback names the alarm, the image
/// that serves again and the Get-HttpServiceLog command that shows what the new version logged. A stack made without
/// the alarms (-NoRollbackAlarms, or an older StackKit without an e-mail address) is not watched; -NoRollbackAlarms:$false adds them.</para>
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
/// <code>Update-HttpServiceStack web -NotificationEmail ops@example.com -AllowedCidr 203.0.113.0/24 -WhatIf</code>
/// <para>Shows what e-mailed alarms and a narrower allowed range would add and change; without -WhatIf, makes those changes.</para>
/// </example>
/// <example>
/// <code>Update-HttpServiceStack web -DockerImage registry.example.com/web:1.7 -MonitoringMinutes 15</code>
/// <para>Rolls out a new image and keeps watching the health alarms for 15 minutes after the last server runs it.</para>
/// </example>
/// <example>
/// <code>Get-HttpServiceStack web | Update-HttpServiceStack -InstanceType t3.small</code>
/// <para>Takes the stack from the pipeline and changes only the instance type.</para>
/// </example>
[Cmdlet(VerbsData.Update, "HttpServiceStack", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = SshAccessSet, HelpUri = HelpLinks.Base + "update-httpservicestack")]
[OutputType(typeof(HttpServiceStackInfo))]
public sealed class UpdateHttpServiceStackCommand : HttpServiceParameterCmdlet, IDynamicParameters
{
    private readonly TemplateOptionParameters _options = TemplateOptionParameters.ForUpdate();

    /// <summary>The stack to update; accepts the objects Get-HttpServiceStack writes.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(StackNameCompleter))]
    [ValidateNotNullOrEmpty]
    [ValidateStackName]
    public string StackName { get; set; } = string.Empty;

    /// <summary>
    /// Minutes CloudFormation keeps watching the stack's health alarms after every server runs the new version, rolling
    /// the update back if one goes to ALARM: 0 to 180, default 5; 0 watches during the update only. The unhealthy-hosts
    /// alarm needs 10 minutes of an unhealthy server, so give 10 or more to catch a server that breaks after it started.
    /// </summary>
    [Parameter]
    [ValidateRange(0, HttpServiceStackUpdate.MaxMonitoringMinutes)]
    public int MonitoringMinutes { get; set; } = HttpServiceStackUpdate.DefaultMonitoringMinutes;

    /// <summary>The parameters of the template options an update may change, from the options' declarations.</summary>
    public object GetDynamicParameters() => _options.Parameters;

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        // A piped stack binds its own image by name: that is no change (the image Publish-HttpServiceImage pipes is).
        if (PipedStack is { } piped && DockerImage == piped.DockerImage)
        {
            DockerImage = null;
        }
        var change = string.Join(", ", new[] { DescribeGiven(), _options.DescribeChanges() }.Where(part => part.Length > 0));
        if (change.Length == 0)
        {
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException(
                    $"Name what to change: -DockerImage, -InstanceType, -AmiId, -SshKeyName, -SshCidr, -ServiceCredential, {string.Join(", ", _options.Names.Reverse().Skip(1).Reverse())} or {_options.Names.Last()}."),
                "NothingToUpdate", ErrorCategory.InvalidArgument, StackName));
        }
        if (!PipedStackFitsRegion())
        {
            return;
        }
        if (!ShouldProcess(StackName, $"Update the stack with {change}; everything else keeps its value"))
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
                (progress, warnings, token) => Stacks.UpdateAsync(StackName, Update(warnings), progress, token));
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
            var update = Update(warnings: null);
            var preview = Await(token => Stacks.PreviewUpdateAsync(StackName, update, token));
            PreviewLines.WriteTo(this, preview);
        }
        catch (Exception error) when (ErrorRecordFor(error, StackName) is not null)
        {
            WriteStackError(error, StackName);
        }
    }

    private HttpServiceStackUpdate Update(IProgress<PreflightWarning>? warnings) => new()
    {
        DockerImage = DockerImage,
        InstanceType = InstanceType,
        AmiId = AmiId,
        SshKeyName = SshKeyName,
        SshCidr = SshCidr,
        ServiceCredential = GivenCredential(),
        Options = _options.Changes(),
        SkipPreflight = SkipPreflight,
        MonitoringMinutes = MonitoringMinutes,
        Warnings = warnings,
    };
}
