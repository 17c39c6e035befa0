namespace StackKit.PowerShell.Output;

/// <summary>A stack's servers: desired within min-max, and why launches fail when they do.</summary>
/// <param name="DesiredCapacity">How many servers the group wants now.</param>
/// <param name="MinSize">The fewest servers the group keeps.</param>
/// <param name="MaxSize">The most servers the group starts.</param>
/// <param name="AutoScalingGroupName">The Auto Scaling group.</param>
/// <param name="LaunchFailure">Auto Scaling's latest launch failure (Get-HttpServiceStack -Diagnose), or null.</param>
public sealed record CapacityInfo(int DesiredCapacity, int MinSize, int MaxSize, string AutoScalingGroupName, string? LaunchFailure)
{
    /// <inheritdoc />
    public override string ToString() => $"{DesiredCapacity} ({MinSize}-{MaxSize})";
}
