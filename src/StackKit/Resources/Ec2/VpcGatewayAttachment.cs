using StackKit.Templates;

namespace StackKit.Resources.Ec2;

/// <summary>Attaches an internet gateway to a VPC. (<c>AWS::EC2::VPCGatewayAttachment</c>)</summary>
public sealed class VpcGatewayAttachment : Resource
{
    /// <summary>The CloudFormation type.</summary>
    public const string TypeName = "AWS::EC2::VPCGatewayAttachment";

    /// <summary>A VpcGatewayAttachment with this logical id.</summary>
    public VpcGatewayAttachment(string logicalId)
        : base(logicalId, TypeName)
    {
    }

    /// <summary>The VPC.</summary>
    public Value<string>? VpcId { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>The internet gateway.</summary>
    public Value<string>? InternetGatewayId { get => GetValue<string>(); set => SetValue(value); }
}
