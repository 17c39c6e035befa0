namespace StackKit;

/// <summary>
/// Why the service's instances cannot come up, as seen from their side rather than from CloudFormation's events:
/// Auto Scaling's reason that launches fail, or the boot step an instance failed at, from its console.
/// </summary>
/// <param name="AutoScalingGroupName">The group the instances belong to.</param>
/// <param name="InstanceId">The instance that failed to boot; null when launches failed and no instance exists.</param>
/// <param name="Reason">Auto Scaling's reason a launch failed, or what the instance did (signalled failure, never signalled success).</param>
/// <param name="ConsoleLines">The lines of the instance's console output that show the failure; empty for launch failures.</param>
public sealed record InstanceFailure(string AutoScalingGroupName, string? InstanceId, string Reason, IReadOnlyList<string> ConsoleLines)
{
    /// <summary>One line: what failed, where, and the console's lines when there are any.</summary>
    public override string ToString() => InstanceId is null
        ? $"instances cannot launch in Auto Scaling group {AutoScalingGroupName}: {Reason}"
        : $"instance {InstanceId} (Auto Scaling group {AutoScalingGroupName}) {Reason}" +
          (ConsoleLines.Count == 0 ? "" : "; its console shows: " + string.Join(" | ", ConsoleLines));
}
