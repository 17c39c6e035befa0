using StackKit.Templates;

namespace StackKit.Resources.ElasticLoadBalancing;

/// <summary>The protocol of a classic load balancer's listener (<c>Protocol</c>, <c>InstanceProtocol</c>).</summary>
/// <param name="Value">The string CloudFormation reads: one of the named values, or another string AWS accepts.</param>
public readonly record struct Protocol(string Value) : IStringValue
{
    /// <summary><c>HTTP</c>: HTTP.</summary>
    public static Protocol Http { get; } = new("HTTP");

    /// <summary><c>HTTPS</c>: HTTP over TLS, ended at the load balancer.</summary>
    public static Protocol Https { get; } = new("HTTPS");

    /// <summary><c>TCP</c>: TCP.</summary>
    public static Protocol Tcp { get; } = new("TCP");

    /// <summary><c>SSL</c>: TCP over TLS.</summary>
    public static Protocol Ssl { get; } = new("SSL");

    /// <summary>The string CloudFormation reads.</summary>
    public override string ToString() => Value ?? string.Empty;
}
