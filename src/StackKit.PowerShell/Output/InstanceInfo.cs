namespace StackKit.PowerShell.Output;

/// <summary>One server and its health.</summary>
public sealed class InstanceInfo
{
    /// <summary>The EC2 instance id.</summary>
    public required string InstanceId { get; init; }

    /// <summary>Auto Scaling's lifecycle state, e.g. InService.</summary>
    public required string LifecycleState { get; init; }

    /// <summary>Auto Scaling's health, Healthy or Unhealthy.</summary>
    public required string HealthStatus { get; init; }

    /// <summary>The load balancer's view (InService/healthy, or why not), when it reports one.</summary>
    public string? LoadBalancerState { get; init; }

    /// <summary>The load balancer's reason for its state, when it gives one.</summary>
    public string? LoadBalancerReason { get; init; }

    /// <summary>In service, healthy for Auto Scaling and at the load balancer.</summary>
    public required bool IsHealthy { get; init; }

    /// <summary>The console lines where its boot stopped or failed (Get-HttpServiceStack -Diagnose), or null.</summary>
    public string[]? ConsoleLines { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{InstanceId} {LifecycleState}/{HealthStatus}" + (LoadBalancerState is null ? string.Empty : $"/{LoadBalancerState}");

    internal static InstanceInfo From(InstanceHealth instance) => new()
    {
        InstanceId = instance.InstanceId,
        LifecycleState = instance.LifecycleState.Value,
        HealthStatus = instance.AutoScalingHealth.Value,
        LoadBalancerState = instance.LoadBalancerHealth?.Value,
        LoadBalancerReason = instance.LoadBalancerReason,
        IsHealthy = instance.IsHealthy,
        ConsoleLines = instance.ConsoleLines?.ToArray(),
    };
}
