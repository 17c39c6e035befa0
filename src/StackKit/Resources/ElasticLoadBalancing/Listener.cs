using StackKit.Templates;

namespace StackKit.Resources.ElasticLoadBalancing;

/// <summary>A port a classic load balancer listens on, and where it forwards.</summary>
public sealed class Listener : PropertyObject
{
    /// <summary>The port clients connect to.</summary>
    public Value<int>? LoadBalancerPort { get => GetValue<int>(); set => SetAsString(value); }

    /// <summary>The instances' port.</summary>
    public Value<int>? InstancePort { get => GetValue<int>(); set => SetAsString(value); }

    /// <summary><c>HTTP</c>, <c>HTTPS</c>, <c>TCP</c> or <c>SSL</c>.</summary>
    public Value<Protocol>? Protocol { get => GetValue<Protocol>(); set => SetValue(value); }
}
