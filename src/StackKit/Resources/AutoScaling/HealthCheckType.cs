using StackKit.Templates;

namespace StackKit.Resources.AutoScaling;

/// <summary>What decides that a group's instance is unhealthy and must be replaced (<c>HealthCheckType</c>).</summary>
/// <param name="Value">The string CloudFormation reads: one of the named values, or another string AWS accepts.</param>
public readonly record struct HealthCheckType(string Value) : IStringValue
{
    /// <summary><c>EC2</c>: EC2's status checks only (the default).</summary>
    public static HealthCheckType Ec2 { get; } = new("EC2");

    /// <summary><c>ELB</c>: the load balancer's health checks too.</summary>
    public static HealthCheckType Elb { get; } = new("ELB");

    /// <summary><c>EBS</c>: the attached volumes' status too.</summary>
    public static HealthCheckType Ebs { get; } = new("EBS");

    /// <summary><c>VPC_LATTICE</c>: VPC Lattice's health checks too.</summary>
    public static HealthCheckType VpcLattice { get; } = new("VPC_LATTICE");

    /// <summary>The string CloudFormation reads.</summary>
    public override string ToString() => Value ?? string.Empty;
}
