using StackKit.Templates;

namespace StackKit.Resources.Ec2;

/// <summary>An inbound rule added to a security group on its own (so it can have a condition). (<c>AWS::EC2::SecurityGroupIngress</c>)</summary>
public sealed class SecurityGroupIngress : Resource
{
    /// <summary>The CloudFormation type.</summary>
    public const string TypeName = "AWS::EC2::SecurityGroupIngress";

    /// <summary>A SecurityGroupIngress with this logical id.</summary>
    public SecurityGroupIngress(string logicalId)
        : base(logicalId, TypeName)
    {
    }

    /// <summary>The security group.</summary>
    public Value<string>? GroupId { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>The protocol: <c>tcp</c>, <c>udp</c>, <c>icmp</c> or <c>-1</c>.</summary>
    public Value<IpProtocol>? IpProtocol { get => GetValue<IpProtocol>(); set => SetValue(value); }

    /// <summary>The first port.</summary>
    public Value<int>? FromPort { get => GetValue<int>(); set => SetValue(value); }

    /// <summary>The last port.</summary>
    public Value<int>? ToPort { get => GetValue<int>(); set => SetValue(value); }

    /// <summary>The IPv4 range allowed in.</summary>
    public Value<string>? CidrIp { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>What the rule is for.</summary>
    public Value<string>? Description { get => GetValue<string>(); set => SetValue(value); }
}
