using StackKit.Templates;

namespace StackKit.Resources.ElasticLoadBalancingV2;

/// <summary>The protocol of a listener or target group (<c>Protocol</c>).</summary>
/// <param name="Value">The string CloudFormation reads: one of the named values, or another string AWS accepts.</param>
public readonly record struct Protocol(string Value) : IStringValue
{
    /// <summary><c>HTTP</c>: HTTP (application load balancers).</summary>
    public static Protocol Http { get; } = new("HTTP");

    /// <summary><c>HTTPS</c>: HTTP over TLS (application load balancers).</summary>
    public static Protocol Https { get; } = new("HTTPS");

    /// <summary><c>TCP</c>: TCP (network load balancers).</summary>
    public static Protocol Tcp { get; } = new("TCP");

    /// <summary><c>TLS</c>: TCP over TLS (network load balancers).</summary>
    public static Protocol Tls { get; } = new("TLS");

    /// <summary><c>UDP</c>: UDP (network load balancers).</summary>
    public static Protocol Udp { get; } = new("UDP");

    /// <summary><c>TCP_UDP</c>: TCP and UDP on one port (network load balancers).</summary>
    public static Protocol TcpUdp { get; } = new("TCP_UDP");

    /// <summary><c>GENEVE</c>: GENEVE (gateway load balancers).</summary>
    public static Protocol Geneve { get; } = new("GENEVE");

    /// <summary>The string CloudFormation reads.</summary>
    public override string ToString() => Value ?? string.Empty;
}
