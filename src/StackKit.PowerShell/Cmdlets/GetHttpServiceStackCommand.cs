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
/// manual changes an update may revert.
/// -Cost writes, per stack, what it costs a month on demand (730 hours, as AWS's pricing calculator counts) at its
/// fewest, current and most servers, item by item: the instances, their volumes, the load balancer, public IPv4
/// addresses, alarms, logs, the key table, SNS and the DNS record, each with the assumption it is priced at. Prices
/// come from the AWS Price List Query API (pricing:GetProducts) and are kept on disk for a day; a price that cannot
/// be read is named in a warning and MissingPrices, never guessed.</para>
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
/// <code>Get-HttpServiceStack -StackName web -Cost</code>
/// <para>Shows what the stack costs a month at 1, now and 5 servers, each item with its price and assumption.</para>
/// </example>
/// <example>
/// <code>(Get-HttpServiceStack web).Instances</code>
/// <para>Shows each instance's Auto Scaling and load balancer health.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "HttpServiceStack", DefaultParameterSetName = StatusSet, HelpUri = HelpLinks.Base + "get-httpservicestack")]
[OutputType(typeof(HttpServiceStackInfo), ParameterSetName = [StatusSet])]
[OutputType(typeof(StackDriftInfo), ParameterSetName = [DriftSet])]
[OutputType(typeof(CostEstimateInfo), ParameterSetName = [CostSet])]
public sealed class GetHttpServiceStackCommand : StackKitCmdlet
{
    private const string StatusSet = "Status";
    private const string DriftSet = "Drift";
    private const string CostSet = "Cost";

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

    /// <summary>
    /// Writes what each stack costs a month on demand at its fewest, current and most servers, item by item with
    /// assumptions, from the AWS Price List (kept on disk for a day), instead of the stack's status.
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = CostSet)]
    public SwitchParameter Cost { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (StackName is null)
        {
            if (Drift || Cost)
            {
                WriteEach(ListAllNames());
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
                    if (Drift || Cost)
                    {
                        WriteEach(ListAllNames().Where(pattern.IsMatch).ToList());
                        continue;
                    }
                    WriteStacks(ListAll().Where(stack => pattern.IsMatch(stack.Name)).ToList());
                    continue;
                }
                if (Drift || Cost)
                {
                    WriteOne(name);
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

    private void WriteEach(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            try
            {
                WriteOne(name);
            }
            catch (Exception error) when (ErrorRecordFor(error, name) is not null)
            {
                WriteStackError(error, name);
            }
        }
    }

    /// <summary>The drift or the cost of one stack, as asked.</summary>
    private void WriteOne(string name)
    {
        if (Cost)
        {
            WriteCost(name);
            return;
        }
        WriteDrift(name);
    }

    /// <summary>Estimates one stack's monthly cost and writes it, warning with each price that could not be read.</summary>
    private void WriteCost(string name)
    {
        var estimate = Await(token => Stacks.EstimateStackCostAsync(name, token));
        foreach (var missing in estimate.MissingPrices)
        {
            WriteWarning($"Stack {name}: price missing, left out of the totals: {missing}");
        }
        WriteObject(CostEstimateInfo.From(estimate, Connection.Region.SystemName, OutputEndpoint));
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
