using StackKit.Templates;
using StackKit.Templates.Intrinsics;

namespace StackKit.Resources.Ec2;

/// <summary>What an auto scaling group launches: AMI, type, network, user data. (<c>AWS::EC2::LaunchTemplate</c>)</summary>
public sealed class LaunchTemplate : Resource
{
    /// <summary>The CloudFormation type.</summary>
    public const string TypeName = "AWS::EC2::LaunchTemplate";

    /// <summary>A LaunchTemplate with this logical id.</summary>
    public LaunchTemplate(string logicalId)
        : base(logicalId, TypeName)
    {
    }

    /// <summary>The instance settings.</summary>
    public LaunchTemplateData? LaunchTemplateData { get => GetObject<LaunchTemplateData>(); set => SetObject(value); }

    /// <summary>Tags on the launch template itself (ResourceType <c>launch-template</c>).</summary>
    public IReadOnlyList<TagSpecification>? TagSpecifications { get => GetObjects<TagSpecification>(); set => SetObjects(value); }

    /// <summary>The newest version number, which an auto scaling group should launch.</summary>
    public Value<string> LatestVersionNumber => Fn.GetAtt<string>(this, "LatestVersionNumber");
}
