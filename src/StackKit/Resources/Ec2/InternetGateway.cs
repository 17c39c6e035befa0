using StackKit.Templates;

namespace StackKit.Resources.Ec2;

/// <summary>An internet gateway. (<c>AWS::EC2::InternetGateway</c>)</summary>
public sealed class InternetGateway : Resource
{
    /// <summary>The CloudFormation type.</summary>
    public const string TypeName = "AWS::EC2::InternetGateway";

    /// <summary>A InternetGateway with this logical id.</summary>
    public InternetGateway(string logicalId)
        : base(logicalId, TypeName)
    {
    }

    /// <summary>Tags on the resource.</summary>
    public IReadOnlyList<Tag>? Tags { get => GetObjects<Tag>(); set => SetObjects(value); }
}
