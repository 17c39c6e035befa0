using StackKit.Templates;

namespace StackKit.Resources.AutoScaling;

/// <summary>A group of instances kept between a minimum and a maximum size. (<c>AWS::AutoScaling::AutoScalingGroup</c>)</summary>
public sealed class AutoScalingGroup : Resource
{
    /// <summary>The CloudFormation type.</summary>
    public const string TypeName = "AWS::AutoScaling::AutoScalingGroup";

    /// <summary>A AutoScalingGroup with this logical id.</summary>
    public AutoScalingGroup(string logicalId)
        : base(logicalId, TypeName)
    {
    }

    /// <summary>The fewest instances.</summary>
    public Value<int>? MinSize { get => GetValue<int>(); set => SetAsString(value); }

    /// <summary>The most instances.</summary>
    public Value<int>? MaxSize { get => GetValue<int>(); set => SetAsString(value); }

    /// <summary>The instances wanted now; unset means <see cref="MinSize"/> at creation.</summary>
    public Value<int>? DesiredCapacity { get => GetValue<int>(); set => SetAsString(value); }

    /// <summary>The subnets instances launch in.</summary>
    public ValueList<string>? VpcZoneIdentifier { get => GetList<string>("VPCZoneIdentifier"); set => SetList(value, "VPCZoneIdentifier"); }

    /// <summary>What to launch.</summary>
    public LaunchTemplateSpecification? LaunchTemplate { get => GetObject<LaunchTemplateSpecification>(); set => SetObject(value); }

    /// <summary>Classic load balancers to register instances with.</summary>
    public ValueList<string>? LoadBalancerNames { get => GetList<string>(); set => SetList(value); }

    /// <summary>Target groups to register instances with.</summary>
    public ValueList<string>? TargetGroupArns { get => GetList<string>("TargetGroupARNs"); set => SetList(value, "TargetGroupARNs"); }

    /// <summary><c>EC2</c> or <c>ELB</c> (replace instances the load balancer finds unhealthy).</summary>
    public Value<HealthCheckType>? HealthCheckType { get => GetValue<HealthCheckType>(); set => SetValue(value); }

    /// <summary>Seconds after launch before health checks count.</summary>
    public Value<int>? HealthCheckGracePeriod { get => GetValue<int>(); set => SetValue(value); }

    /// <summary>
    /// Seconds a new instance warms up: it counts toward the group's aggregated metrics only after them, and scale-in
    /// by policies waits for it. 0 enables the default warm-up with no wait.
    /// </summary>
    public Value<int>? DefaultInstanceWarmup { get => GetValue<int>(); set => SetValue(value); }

    /// <summary>The group metrics the group publishes.</summary>
    public IReadOnlyList<MetricsCollection>? MetricsCollection { get => GetObjects<MetricsCollection>(); set => SetObjects(value); }

    /// <summary>Tags on the group and, with PropagateAtLaunch, its instances.</summary>
    public IReadOnlyList<AutoScalingGroupTag>? Tags { get => GetObjects<AutoScalingGroupTag>(); set => SetObjects(value); }

    /// <summary>The SNS topics the group tells of its launches and terminations (or their failures).</summary>
    public IReadOnlyList<NotificationConfiguration>? NotificationConfigurations { get => GetObjects<NotificationConfiguration>(); set => SetObjects(value); }
}
