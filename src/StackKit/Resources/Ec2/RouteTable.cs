using StackKit.Templates;

namespace StackKit.Resources.Ec2;

/// <summary>A route table of a VPC. (<c>AWS::EC2::RouteTable</c>)</summary>
public sealed class RouteTable : Resource
{
    /// <summary>The CloudFormation type.</summary>
    public const string TypeName = "AWS::EC2::RouteTable";

    /// <summary>A RouteTable with this logical id.</summary>
    public RouteTable(string logicalId)
        : base(logicalId, TypeName)
    {
    }

    /// <summary>The VPC.</summary>
    public Value<string>? VpcId { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>Tags on the resource.</summary>
    public IReadOnlyList<Tag>? Tags { get => GetObjects<Tag>(); set => SetObjects(value); }
}
