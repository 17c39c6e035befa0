using StackKit.Templates;

namespace StackKit.Resources.Ec2;

/// <summary>A virtual private cloud. (<c>AWS::EC2::VPC</c>)</summary>
public sealed class Vpc : Resource
{
    /// <summary>The CloudFormation type.</summary>
    public const string TypeName = "AWS::EC2::VPC";

    /// <summary>A Vpc with this logical id.</summary>
    public Vpc(string logicalId)
        : base(logicalId, TypeName)
    {
    }

    /// <summary>The IPv4 address range.</summary>
    public Value<string>? CidrBlock { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>Whether instances get public DNS host names.</summary>
    public Value<bool>? EnableDnsHostnames { get => GetValue<bool>(); set => SetValue(value); }

    /// <summary>Whether the Amazon DNS server answers in the VPC.</summary>
    public Value<bool>? EnableDnsSupport { get => GetValue<bool>(); set => SetValue(value); }

    /// <summary>Tags on the resource.</summary>
    public IReadOnlyList<Tag>? Tags { get => GetObjects<Tag>(); set => SetObjects(value); }

    /// <summary>The VPC id (its <c>Ref</c>).</summary>
    public Value<string> VpcId => Ref;
}
