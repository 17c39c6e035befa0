namespace StackKit;

/// <summary>The live capacity of a stack's Auto Scaling group.</summary>
/// <param name="AutoScalingGroupName">The group's name.</param>
/// <param name="DesiredCapacity">How many instances the group aims for now.</param>
/// <param name="MinSize">The fewest it scales in to.</param>
/// <param name="MaxSize">The most it scales out to.</param>
/// <param name="Instances">Each instance and its health.</param>
public sealed record StackCapacity(string AutoScalingGroupName, int DesiredCapacity, int MinSize, int MaxSize, IReadOnlyList<InstanceHealth> Instances)
{
    /// <summary>How many instances are healthy (<see cref="InstanceHealth.IsHealthy"/>).</summary>
    public int HealthyCount => Instances.Count(i => i.IsHealthy);

    /// <summary>
    /// When the group has fewer instances than desired, Auto Scaling's reason for its latest failed launch; filled in
    /// only by the boot diagnosis, null otherwise.
    /// </summary>
    public string? LaunchFailure { get; init; }

    /// <summary>One line: desired (min-max), healthy, and each instance.</summary>
    public override string ToString() =>
        $"{DesiredCapacity} desired ({MinSize}-{MaxSize}), {HealthyCount} of {Instances.Count} healthy" +
        (Instances.Count == 0 ? "" : ": " + string.Join("; ", Instances)) +
        (LaunchFailure is null ? "" : $"; latest launch failed: {LaunchFailure}");
}
