using StackKit.Templates;
using StackKit.Templates.Intrinsics;

namespace StackKit.Resources.Iam;

/// <summary>What hands an IAM role to EC2 instances. (<c>AWS::IAM::InstanceProfile</c>)</summary>
public sealed class InstanceProfile : Resource
{
    /// <summary>The CloudFormation type.</summary>
    public const string TypeName = "AWS::IAM::InstanceProfile";

    /// <summary>An InstanceProfile with this logical id.</summary>
    public InstanceProfile(string logicalId)
        : base(logicalId, TypeName)
    {
    }

    /// <summary>CloudFormation creates IAM resources only when the caller acknowledges it.</summary>
    internal override Capability? RequiredCapability => Capability.Iam;

    /// <summary>The role's name; exactly one.</summary>
    public ValueList<string>? Roles { get => GetList<string>(); set => SetList(value); }

    /// <summary>The profile's ARN, which a launch template names.</summary>
    public Value<string> Arn => Fn.GetAtt<string>(this, "Arn");
}
