using System.Xml.Linq;

namespace StackKit.Aws.AutoScaling;

/// <summary>One instance of an Auto Scaling group: its lifecycle state (InService, Pending...) and health (Healthy/Unhealthy).</summary>
internal sealed record AutoScalingInstance(string InstanceId, string LifecycleState, string HealthStatus)
{
    internal static AutoScalingInstance FromXml(XElement member) => new(
        member.RequiredText("InstanceId"),
        member.RequiredText("LifecycleState"),
        member.RequiredText("HealthStatus"));
}
