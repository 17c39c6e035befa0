using StackKit.Templates;

namespace StackKit.Resources.Ec2;

/// <summary>Makes a subnet use a route table. (<c>AWS::EC2::SubnetRouteTableAssociation</c>)</summary>
public sealed class SubnetRouteTableAssociation : Resource
{
    /// <summary>The CloudFormation type.</summary>
    public const string TypeName = "AWS::EC2::SubnetRouteTableAssociation";

    /// <summary>A SubnetRouteTableAssociation with this logical id.</summary>
    public SubnetRouteTableAssociation(string logicalId)
        : base(logicalId, TypeName)
    {
    }

    /// <summary>The subnet.</summary>
    public Value<string>? SubnetId { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>The route table.</summary>
    public Value<string>? RouteTableId { get => GetValue<string>(); set => SetValue(value); }
}
