using StackKit.Templates;
using StackKit.Templates.Intrinsics;

namespace StackKit.Resources.Iam;

/// <summary>An IAM role: who may assume it and what it may do. (<c>AWS::IAM::Role</c>)</summary>
public sealed class Role : Resource
{
    /// <summary>The CloudFormation type.</summary>
    public const string TypeName = "AWS::IAM::Role";

    /// <summary>A Role with this logical id.</summary>
    public Role(string logicalId)
        : base(logicalId, TypeName)
    {
    }

    /// <summary>CloudFormation creates IAM resources only when the caller acknowledges it.</summary>
    internal override Capability? RequiredCapability => Capability.Iam;

    /// <summary>What the role is for.</summary>
    public Value<string>? Description { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>The trust policy: who may assume the role.</summary>
    public PolicyDocument? AssumeRolePolicyDocument { get => GetObject<PolicyDocument>(); set => SetObject(value); }

    /// <summary>Inline policies: what the role may do.</summary>
    public IReadOnlyList<Policy>? Policies { get => GetObjects<Policy>(); set => SetObjects(value); }

    /// <summary>Tags on the resource.</summary>
    public IReadOnlyList<Tag>? Tags { get => GetObjects<Tag>(); set => SetObjects(value); }

    /// <summary>The role's name (its <c>Ref</c>).</summary>
    public Value<string> RoleName => Ref;

    /// <summary>The role's ARN.</summary>
    public Value<string> Arn => Fn.GetAtt<string>(this, "Arn");
}
