using System.Xml.Linq;

namespace StackKit.Aws.AutoScaling;

/// <summary>An Auto Scaling group's capacity, instances and the load balancers it registers them with.</summary>
internal sealed record AutoScalingGroup(
    string Name,
    int MinSize,
    int MaxSize,
    int DesiredCapacity,
    IReadOnlyList<AutoScalingInstance> Instances,
    IReadOnlyList<string> LoadBalancerNames,
    IReadOnlyList<string> TargetGroupArns)
{
    internal static AutoScalingGroup FromXml(XElement member) => new(
        member.RequiredText("AutoScalingGroupName"),
        member.ChildInt("MinSize"),
        member.ChildInt("MaxSize"),
        member.ChildInt("DesiredCapacity"),
        member.Members("Instances").Select(AutoScalingInstance.FromXml).ToList(),
        member.Members("LoadBalancerNames").Select(name => name.Value).ToList(),
        member.Members("TargetGroupARNs").Select(arn => arn.Value).ToList());
}
