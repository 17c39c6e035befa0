using StackKit.Templates;

namespace StackKit.Resources.Ec2;

/// <summary>The kind of EC2 resource a tag specification tags (<c>TagSpecification.ResourceType</c>).</summary>
/// <param name="Value">The string CloudFormation reads: one of the named values, or another string AWS accepts.</param>
public readonly record struct ResourceType(string Value) : IStringValue
{
    /// <summary><c>instance</c>: instances.</summary>
    public static ResourceType Instance { get; } = new("instance");

    /// <summary><c>volume</c>: EBS volumes.</summary>
    public static ResourceType Volume { get; } = new("volume");

    /// <summary><c>network-interface</c>: network interfaces.</summary>
    public static ResourceType NetworkInterface { get; } = new("network-interface");

    /// <summary><c>spot-instances-request</c>: Spot Instance requests.</summary>
    public static ResourceType SpotInstancesRequest { get; } = new("spot-instances-request");

    /// <summary><c>launch-template</c>: the launch template itself.</summary>
    public static ResourceType LaunchTemplate { get; } = new("launch-template");

    /// <summary>The string CloudFormation reads.</summary>
    public override string ToString() => Value ?? string.Empty;
}
