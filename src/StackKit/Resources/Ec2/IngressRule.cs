using StackKit.Templates;

namespace StackKit.Resources.Ec2;

/// <summary>An inbound rule of a security group.</summary>
public sealed class IngressRule : PropertyObject
{
    /// <summary>The protocol: <c>tcp</c>, <c>udp</c>, <c>icmp</c> or <c>-1</c>.</summary>
    public Value<IpProtocol>? IpProtocol { get => GetValue<IpProtocol>(); set => SetValue(value); }

    /// <summary>The first port.</summary>
    public Value<int>? FromPort { get => GetValue<int>(); set => SetValue(value); }

    /// <summary>The last port.</summary>
    public Value<int>? ToPort { get => GetValue<int>(); set => SetValue(value); }

    /// <summary>The IPv4 range allowed in.</summary>
    public Value<string>? CidrIp { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>The security group allowed in.</summary>
    public Value<string>? SourceSecurityGroupId { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>What the rule is for.</summary>
    public Value<string>? Description { get => GetValue<string>(); set => SetValue(value); }
}
