using StackKit.Resources.AutoScaling;
using StackKit.Templates;
using StackKit.Templates.Intrinsics;
using V2 = StackKit.Resources.ElasticLoadBalancingV2;

namespace StackKit.HttpService;

/// <summary>
/// Target tracking beside the original requests-per-minute rule: keep average CPU near a target, and with an
/// Application Load Balancer, requests per server too. Target tracking removes a server only when its policies agree,
/// but the original rule's alarm still removes one in any minute under 20 requests: a service busy on CPU with few
/// requests sees the two take turns (one server fewer, then one more) every cooldown.
/// </summary>
internal static class TargetTracking
{
    public const string CpuTargetParameter = "CpuTargetPercent";

    public const string RequestsTargetParameter = "RequestsPerServerTarget";

    public static void Add(Template template, AutoScalingGroup group, V2.LoadBalancer? loadBalancer, V2.TargetGroup? targetGroup)
    {
        var cpu = template.Add(new Parameter(CpuTargetParameter, ParameterTypes.Number)
        {
            Description = "The average CPU utilisation (percent) target tracking keeps the servers near.",
            Default = "50",
            MinValue = 1,
            MaxValue = 100,
            ConstraintDescription = "a percentage from 1 to 100",
        });
        template.Add(new ScalingPolicy("CpuTargetPolicy")
        {
            AutoScalingGroupName = group.Ref,
            PolicyType = PolicyType.TargetTrackingScaling,
            TargetTrackingConfiguration = new TargetTrackingConfiguration
            {
                PredefinedMetricSpecification = new PredefinedMetricSpecification { PredefinedMetricType = "ASGAverageCPUUtilization" },
                TargetValue = cpu.RefAs<double>(),
            },
        });
        if (loadBalancer is null || targetGroup is null)
        {
            return;
        }
        var requests = template.Add(new Parameter(RequestsTargetParameter, ParameterTypes.Number)
        {
            Description = "The requests per server per minute target tracking keeps the servers near.",
            Default = "1000",
            MinValue = 1,
            ConstraintDescription = "a number of requests of 1 or more",
        });
        template.Add(new ScalingPolicy("RequestsTargetPolicy")
        {
            AutoScalingGroupName = group.Ref,
            PolicyType = PolicyType.TargetTrackingScaling,
            TargetTrackingConfiguration = new TargetTrackingConfiguration
            {
                PredefinedMetricSpecification = new PredefinedMetricSpecification
                {
                    PredefinedMetricType = "ALBRequestCountPerTarget",
                    ResourceLabel = Fn.Join("/", new[] { loadBalancer.LoadBalancerFullName, targetGroup.TargetGroupFullName }),
                },
                TargetValue = requests.RefAs<double>(),
            },
        });
    }
}
