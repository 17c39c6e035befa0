using System.Management.Automation;
using StackKit.PowerShell.Output;
using StackKit.PowerShell.Completion;
using StackKit.PowerShell.Validation;
using StackKit.Stacks;

namespace StackKit.PowerShell.Cmdlets;

/// <summary>
/// <para type="synopsis">Gets HTTP service stacks: status, URL, capacity and the health of each instance.</para>
/// <para type="description">With no name, lists every stack StackKit created in the region (they carry the tag
/// stackkit:managed-by = StackKit). With names (wildcards allowed), gets those stacks. Each stack comes with its live
/// capacity (desired, minimum and maximum servers) and each instance's health behind the load balancer. -Wait follows a
/// stack that is being created, updated or deleted until it finishes: use it to resume watching after Ctrl-C.
/// -Diagnose says why capacity falls short: for each unhealthy instance, the line of its console where its boot
/// stopped or failed (a warning, and Instances[].ConsoleLines), and for a group missing instances, Auto
/// Scaling's latest launch failure (Capacity.LaunchFailure). It costs one EC2 call per unhealthy instance.
/// A named stack made with -NotificationEmail also says whether the alarm e-mail is confirmed (NotificationSubscription),
/// and warns while it is not: SNS deletes a subscription left unconfirmed for 48 hours. A listing does not read it.
/// -Drift runs CloudFormation's drift detection instead and writes, per stack, its drift status and each resource
/// changed or deleted outside StackKit (in the console, by a script) with its property differences: the template's
/// value and the resource's. Detection takes seconds, or minutes for large stacks, and compares only the properties
/// the template sets; resources CloudFormation cannot check are listed as UNKNOWN or UNSUPPORTED, and a detection that
/// failed says why in a warning. Update-HttpServiceStack -WhatIf reads the last detection's result and warns about the
/// manual changes an update may revert.</para>
/// </summary>
/// <example>
/// <code>Get-HttpServiceStack</code>
/// <para>Lists StackKit's stacks in the default region with status, servers, healthy instances and Url.</para>
/// </example>
/// <example>
/// <code>Get-HttpServiceStack -StackName web -Wait</code>
/// <para>Waits for the stack's current operation to finish, with progress, then returns it.</para>
/// </example>
/// <example>
/// <code>Get-HttpServiceStack -StackName web -Diagnose</code>
/// <para>Gets the stack and warns, per unhealthy instance, with the failing line of its console (e.g. the image pull that was denied).</para>
/// </example>
/// <example>
/// <code>Get-HttpServiceStack -StackName web -Drift</code>
/// <para>Detects drift and shows each resource changed outside StackKit, e.g. SshIngress MODIFIED with /CidrIp: 203.0.113.7/32 -> 0.0.0.0/0.</para>
/// </example>
/// <example>
/// <code>(Get-HttpServiceStack web).Instances</code>
/// <para>Shows each instance's Auto Scaling and load balancer health.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "HttpServiceStack", DefaultParameterSetName = StatusSet, HelpUri = HelpLinks.Base + "get-httpservicestack")]
[OutputType(typeof(HttpServiceStackInfo), ParameterSetName = [StatusSet])]
[OutputType(typeof(StackDriftInfo), ParameterSetName = [DriftSet])]
public sealed class GetHttpServiceStackCommand : StackKitCmdlet
{
    private const string StatusSet = "Status";
    private const string DriftSet = "Drift";

    /// <summary>Stack names (wildcards allowed); none gets every stack StackKit created in the region.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(StackNameCompleter))]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ValidateStackName(AllowWildcards = true)]
    public string[]? StackName { get; set; }

    /// <summary>Waits for a stack that is being created, updated or deleted to finish, showing progress.</summary>
    [Parameter(ParameterSetName = StatusSet)]
    public SwitchParameter Wait { get; set; }

    /// <summary>Reads the console of each unhealthy instance and the group's latest launch failure, and warns with them.</summary>
    [Parameter(ParameterSetName = StatusSet)]
    public SwitchParameter Diagnose { get; set; }

    /// <summary>
    /// Runs CloudFormation's drift detection (seconds to minutes) and writes each resource changed outside StackKit
    /// with its property differences, instead of the stack's status.
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = DriftSet)]
    public SwitchParameter Drift { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (StackName is null)
        {
            if (Drift)
            {
                WriteDrifts(ListAllNames());
                return;
            }
            WriteStacks(ListAll());
            return;
        }
        foreach (var name in StackName)
        {
            if (!PipedStackFitsRegion())
            {
                continue;
            }
            try
            {
                if (WildcardPattern.ContainsWildcardCharacters(name))
                {
                    var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
                    if (Drift)
                    {
                        WriteDrifts(ListAllNames().Where(pattern.IsMatch).ToList());
                        continue;
                    }
                    WriteStacks(ListAll().Where(stack => pattern.IsMatch(stack.Name)).ToList());
                    continue;
                }
                if (Drift)
                {
                    WriteDrift(name);
                    continue;
                }
                if (Wait)
                {
                    var watched = RunWithProgress($"Waiting for stack {name}", (progress, token) => Stacks.WatchAsync(name, progress, token));
                    if (watched.Status == StackStatus.DeleteComplete)
                    {
                        // A delete that finished leaves nothing to get: its final state is the answer.
                        WriteObject(Output(watched));
                        continue;
                    }
                }
                WriteStack(Await(token => Diagnose ? Stacks.DiagnoseAsync(name, token) : Stacks.GetAsync(name, token)));
            }
            catch (Exception error) when (ErrorRecordFor(error, name) is not null)
            {
                WriteStackError(error, name);
            }
        }
    }

    private IReadOnlyList<HttpServiceStack> ListAll()
    {
        try
        {
            return Await(Stacks.ListAsync);
        }
        catch (Exception error) when (ErrorRecordFor(error, null) is not null)
        {
            ThrowCommandError(error, null);
            throw;
        }
    }

    private IReadOnlyList<string> ListAllNames()
    {
        try
        {
            return Await(Stacks.ListNamesAsync);
        }
        catch (Exception error) when (ErrorRecordFor(error, null) is not null)
        {
            ThrowCommandError(error, null);
            throw;
        }
    }

    private void WriteDrifts(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            try
            {
                WriteDrift(name);
            }
            catch (Exception error) when (ErrorRecordFor(error, name) is not null)
            {
                WriteStackError(error, name);
            }
        }
    }

    /// <summary>Detects drift on one stack, showing progress while CloudFormation compares, and writes the result.</summary>
    private void WriteDrift(string name)
    {
        var progress = new ProgressRecord(activityId: 1, $"Detecting drift of stack {name}", "CloudFormation compares each resource with the template");
        WriteProgress(progress);
        StackDrift drift;
        try
        {
            drift = Await(token => Stacks.DetectDriftAsync(name, token));
        }
        finally
        {
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
        }
        if (drift.DetectionFailure is { } failure)
        {
            WriteWarning($"Stack {drift.StackName}: drift detection failed for some resources: {failure} The result lists what CloudFormation did check.");
        }
        WriteObject(StackDriftInfo.From(drift, Connection.Region.SystemName, OutputEndpoint));
    }

    private void WriteStacks(IEnumerable<HttpServiceStack> stacks)
    {
        foreach (var stack in stacks)
        {
            WriteStack(Diagnose ? Await(token => Stacks.DiagnoseAsync(stack.Name, token)) : stack);
        }
    }

    private void WriteStack(HttpServiceStack stack)
    {
        foreach (var instance in stack.Capacity?.Instances.Where(i => i.ConsoleLines is { Count: > 0 }) ?? [])
        {
            WriteWarning(
                $"Stack {stack.Name}: instance {instance.InstanceId} is {instance.LifecycleState}/{instance.AutoScalingHealth}" +
                (instance.LoadBalancerHealth is null ? "" : $"/{instance.LoadBalancerHealth}") + $"; its console shows: {instance.ConsoleLines![instance.ConsoleLines.Count - 1]}");
        }
        if (stack.Capacity?.LaunchFailure is { } launchFailure)
        {
            WriteWarning($"Stack {stack.Name}: instances cannot launch: {launchFailure}");
        }
        WarnUnconfirmedSubscription(stack);
        WriteObject(Output(stack));
    }
}
