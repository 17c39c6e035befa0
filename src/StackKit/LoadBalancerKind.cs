namespace StackKit;

/// <summary>Which load balancer fronts the service.</summary>
public enum LoadBalancerKind
{
    /// <summary>A classic load balancer (the default).</summary>
    Classic,

    /// <summary>An Application Load Balancer with a target group and an HTTP listener.</summary>
    Application,
}
