using StackKit.Templates;

namespace StackKit.Resources.Ec2;

/// <summary>The protocol of a security group rule (<c>IpProtocol</c>).</summary>
/// <param name="Value">The string CloudFormation reads: one of the named values, or another string AWS accepts.</param>
public readonly record struct IpProtocol(string Value) : IStringValue
{
    /// <summary><c>tcp</c>: TCP.</summary>
    public static IpProtocol Tcp { get; } = new("tcp");

    /// <summary><c>udp</c>: UDP.</summary>
    public static IpProtocol Udp { get; } = new("udp");

    /// <summary><c>icmp</c>: ICMP.</summary>
    public static IpProtocol Icmp { get; } = new("icmp");

    /// <summary><c>icmpv6</c>: ICMPv6.</summary>
    public static IpProtocol Icmpv6 { get; } = new("icmpv6");

    /// <summary><c>-1</c>: every protocol and port.</summary>
    public static IpProtocol All { get; } = new("-1");

    /// <summary>The string CloudFormation reads.</summary>
    public override string ToString() => Value ?? string.Empty;
}
