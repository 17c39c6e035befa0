using StackKit.Resources.AutoScaling;
using StackKit.Templates;
using StackKit.Templates.Intrinsics;
using V2 = StackKit.Resources.ElasticLoadBalancingV2;

namespace StackKit.HttpService;

/// <summary>
/// Target tracking beside the requests-per-minute rule, adding servers only: average CPU over its target, and with an
/// Application Load Balancer, requests per server over theirs, add servers; only the rule's scale-in alarm removes one,
/// and only when the servers left stay under the CPU target (<see cref="RequestScaling"/>). AWS warns that tracking
/// and step policies that both remove undo each other; here no policy removes what another needs.
/// </summary>
internal static class TargetTracking
{
    public const string CpuTargetParameter = "CpuTargetPercent";

    public const string RequestsTargetParameter = "RequestsPerServerTarget";

    public static void Add(Template template, AutoScalingGroup group, V2.LoadBalancer? loadBalancer, V2.TargetGroup? targetGroup, IReadOnlyList<Resource> listeners)
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
                DisableScaleIn = true,
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
        var perServer = template.Add(new ScalingPolicy("RequestsTargetPolicy")
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
                DisableScaleIn = true,
            },
        });
        // The metric's target group belongs to the load balancer only once a listener forwards to it.
        foreach (var listener in listeners)
        {
            perServer.DependsOn.Add(listener);
        }
    }
}
