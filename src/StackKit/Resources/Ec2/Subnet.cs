using StackKit.Templates;

namespace StackKit.Resources.Ec2;

/// <summary>A subnet of a VPC, in one availability zone. (<c>AWS::EC2::Subnet</c>)</summary>
public sealed class Subnet : Resource
{
    /// <summary>The CloudFormation type.</summary>
    public const string TypeName = "AWS::EC2::Subnet";

    /// <summary>A Subnet with this logical id.</summary>
    public Subnet(string logicalId)
        : base(logicalId, TypeName)
    {
    }

    /// <summary>The VPC.</summary>
    public Value<string>? VpcId { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>The availability zone.</summary>
    public Value<string>? AvailabilityZone { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>The IPv4 address range, inside the VPC's.</summary>
    public Value<string>? CidrBlock { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>Whether instances launched here get a public IPv4 address.</summary>
    public Value<bool>? MapPublicIpOnLaunch { get => GetValue<bool>(); set => SetValue(value); }

    /// <summary>Tags on the resource.</summary>
    public IReadOnlyList<Tag>? Tags { get => GetObjects<Tag>(); set => SetObjects(value); }

    /// <summary>The subnet id (its <c>Ref</c>).</summary>
    public Value<string> SubnetId => Ref;
}
