using StackKit.Templates;

namespace StackKit.Resources.ElasticLoadBalancingV2;

/// <summary>A port a load balancer listens on. (<c>AWS::ElasticLoadBalancingV2::Listener</c>)</summary>
public sealed class Listener : Resource
{
    /// <summary>The CloudFormation type.</summary>
    public const string TypeName = "AWS::ElasticLoadBalancingV2::Listener";

    /// <summary>A Listener with this logical id.</summary>
    public Listener(string logicalId)
        : base(logicalId, TypeName)
    {
    }

    /// <summary>The load balancer.</summary>
    public Value<string>? LoadBalancerArn { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>The port clients connect to.</summary>
    public Value<int>? Port { get => GetValue<int>(); set => SetValue(value); }

    /// <summary><c>HTTP</c> or <c>HTTPS</c>.</summary>
    public Value<Protocol>? Protocol { get => GetValue<Protocol>(); set => SetValue(value); }

    /// <summary>The certificates an HTTPS listener presents.</summary>
    public IReadOnlyList<ListenerCertificate>? Certificates { get => GetObjects<ListenerCertificate>(); set => SetObjects(value); }

    /// <summary>The TLS policy of an HTTPS listener, e.g. <c>ELBSecurityPolicy-TLS13-1-2-2021-06</c>.</summary>
    public Value<string>? SslPolicy { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>What it does with requests.</summary>
    public IReadOnlyList<ListenerAction>? DefaultActions { get => GetObjects<ListenerAction>(); set => SetObjects(value); }
}
