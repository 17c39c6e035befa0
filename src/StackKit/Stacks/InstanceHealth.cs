namespace StackKit.Stacks;

/// <summary>One instance of the service and how healthy it is.</summary>
/// <param name="InstanceId">The EC2 instance id.</param>
/// <param name="LifecycleState">Auto Scaling's view: Pending, InService, Terminating...</param>
/// <param name="HealthStatus">Auto Scaling's health check: Healthy or Unhealthy.</param>
/// <param name="LoadBalancerState">The load balancer's view (InService/OutOfService, or healthy/unhealthy for an ALB); null when no load balancer reports it.</param>
/// <param name="LoadBalancerReason">Why the load balancer does not send it traffic, when it says.</param>
public sealed record InstanceHealth(string InstanceId, string LifecycleState, string HealthStatus, string? LoadBalancerState, string? LoadBalancerReason)
{
    /// <summary>In service, healthy for Auto Scaling, and in service at the load balancer (when one reports it).</summary>
    public bool IsHealthy => LifecycleState == "InService" && HealthStatus == "Healthy" && LoadBalancerState is null or "InService" or "healthy";

    /// <summary>
    /// For an unhealthy instance, the lines of its console that show where its boot stopped or failed (the user data's
    /// <c>stackkit: step</c> and <c>FAILED</c> lines); filled in only by <see cref="StackLifecycle.DiagnoseAsync"/>, null otherwise.
    /// </summary>
    public IReadOnlyList<string>? ConsoleLines { get; init; }
}
