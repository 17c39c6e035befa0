namespace StackKit;

/// <summary>One instance of the service and how healthy it is.</summary>
/// <param name="InstanceId">The EC2 instance id.</param>
/// <param name="LifecycleState">Auto Scaling's view of its life: Pending, InService, Terminating...</param>
/// <param name="AutoScalingHealth">Auto Scaling's health check: Healthy or Unhealthy.</param>
/// <param name="LoadBalancerHealth">The load balancer's check, the same values for a Classic ELB and an ALB; null when no load balancer reports it.</param>
/// <param name="LoadBalancerReason">Why the load balancer does not send it traffic, when it says.</param>
public sealed record InstanceHealth(
    string InstanceId, InstanceLifecycleState LifecycleState, InstanceHealthState AutoScalingHealth, InstanceHealthState? LoadBalancerHealth, string? LoadBalancerReason)
{
    /// <summary>In service, healthy for Auto Scaling, and healthy at the load balancer (when one reports it).</summary>
    public bool IsHealthy => LifecycleState == InstanceLifecycleState.InService && AutoScalingHealth.IsHealthy && LoadBalancerHealth is null or { IsHealthy: true };

    /// <summary>
    /// For an unhealthy instance, the lines of its console that show where its boot stopped or failed (the user data's
    /// <c>stackkit: step</c> and <c>FAILED</c> lines); filled in only by the boot diagnosis, null otherwise.
    /// </summary>
    public IReadOnlyList<string>? ConsoleLines { get; init; }

    /// <summary>One line: id, state, health and the load balancer's reason.</summary>
    public override string ToString() =>
        $"{InstanceId} {LifecycleState} {(IsHealthy ? "healthy" : "unhealthy")}" +
        (LoadBalancerHealth is { } lb ? $" (load balancer: {lb}{(LoadBalancerReason is null ? "" : ", " + LoadBalancerReason)})" : "") +
        (ConsoleLines is { Count: > 0 } lines ? "; console: " + string.Join(" | ", lines) : "");
}
