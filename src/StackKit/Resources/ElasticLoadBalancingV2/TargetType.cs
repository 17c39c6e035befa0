using StackKit.Templates;

namespace StackKit.Resources.ElasticLoadBalancingV2;

/// <summary>What a target group's targets are (<c>TargetType</c>).</summary>
/// <param name="Value">The string CloudFormation reads: one of the named values, or another string AWS accepts.</param>
public readonly record struct TargetType(string Value) : IStringValue
{
    /// <summary><c>instance</c>: EC2 instances, by id.</summary>
    public static TargetType Instance { get; } = new("instance");

    /// <summary><c>ip</c>: IP addresses.</summary>
    public static TargetType Ip { get; } = new("ip");

    /// <summary><c>lambda</c>: a Lambda function.</summary>
    public static TargetType Lambda { get; } = new("lambda");

    /// <summary><c>alb</c>: an application load balancer.</summary>
    public static TargetType Alb { get; } = new("alb");

    /// <summary>The string CloudFormation reads.</summary>
    public override string ToString() => Value ?? string.Empty;
}
