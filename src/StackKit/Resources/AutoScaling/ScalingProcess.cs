using StackKit.Templates;

namespace StackKit.Resources.AutoScaling;

/// <summary>An Auto Scaling process that an update can suspend (<c>SuspendProcesses</c>).</summary>
/// <param name="Value">The string CloudFormation reads: one of the named values, or another string AWS accepts.</param>
public readonly record struct ScalingProcess(string Value) : IStringValue
{
    /// <summary><c>Launch</c>: launching instances.</summary>
    public static ScalingProcess Launch { get; } = new("Launch");

    /// <summary><c>Terminate</c>: terminating instances.</summary>
    public static ScalingProcess Terminate { get; } = new("Terminate");

    /// <summary><c>AddToLoadBalancer</c>: registering new instances with the load balancers.</summary>
    public static ScalingProcess AddToLoadBalancer { get; } = new("AddToLoadBalancer");

    /// <summary><c>AlarmNotification</c>: acting on alarms (scaling policies).</summary>
    public static ScalingProcess AlarmNotification { get; } = new("AlarmNotification");

    /// <summary><c>AZRebalance</c>: balancing instances over the zones.</summary>
    public static ScalingProcess AZRebalance { get; } = new("AZRebalance");

    /// <summary><c>HealthCheck</c>: checking instances' health.</summary>
    public static ScalingProcess HealthCheck { get; } = new("HealthCheck");

    /// <summary><c>InstanceRefresh</c>: instance refreshes.</summary>
    public static ScalingProcess InstanceRefresh { get; } = new("InstanceRefresh");

    /// <summary><c>ReplaceUnhealthy</c>: replacing unhealthy instances.</summary>
    public static ScalingProcess ReplaceUnhealthy { get; } = new("ReplaceUnhealthy");

    /// <summary><c>ScheduledActions</c>: scheduled scaling.</summary>
    public static ScalingProcess ScheduledActions { get; } = new("ScheduledActions");

    /// <summary>The string CloudFormation reads.</summary>
    public override string ToString() => Value ?? string.Empty;
}
