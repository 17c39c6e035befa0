using StackKit.Templates;

namespace StackKit.Resources.Ec2;

/// <summary>A route in a route table. (<c>AWS::EC2::Route</c>)</summary>
public sealed class Route : Resource
{
    /// <summary>The CloudFormation type.</summary>
    public const string TypeName = "AWS::EC2::Route";

    /// <summary>A Route with this logical id.</summary>
    public Route(string logicalId)
        : base(logicalId, TypeName)
    {
    }

    /// <summary>The route table.</summary>
    public Value<string>? RouteTableId { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>The destination range.</summary>
    public Value<string>? DestinationCidrBlock { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>The internet gateway the traffic goes to.</summary>
    public Value<string>? GatewayId { get => GetValue<string>(); set => SetValue(value); }
}
