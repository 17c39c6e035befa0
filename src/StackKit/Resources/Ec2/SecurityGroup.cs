using StackKit.Templates;
using StackKit.Templates.Intrinsics;

namespace StackKit.Resources.Ec2;

/// <summary>A security group. (<c>AWS::EC2::SecurityGroup</c>)</summary>
public sealed class SecurityGroup : Resource
{
    /// <summary>The CloudFormation type.</summary>
    public const string TypeName = "AWS::EC2::SecurityGroup";

    /// <summary>A SecurityGroup with this logical id.</summary>
    public SecurityGroup(string logicalId)
        : base(logicalId, TypeName)
    {
    }

    /// <summary>What the group is for.</summary>
    public Value<string>? GroupDescription { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>The VPC.</summary>
    public Value<string>? VpcId { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>Inbound rules.</summary>
    public IReadOnlyList<IngressRule>? SecurityGroupIngress { get => GetObjects<IngressRule>(); set => SetObjects(value); }

    /// <summary>Tags on the resource.</summary>
    public IReadOnlyList<Tag>? Tags { get => GetObjects<Tag>(); set => SetObjects(value); }

    /// <summary>The group id.</summary>
    public Value<string> GroupId => Fn.GetAtt<string>(this, "GroupId");
}
