namespace StackKit.Templates;

/// <summary>
/// A capability a create or update must acknowledge for CloudFormation to take the template (the API's
/// <c>Capabilities</c> values); a resource type that needs one says so (<see cref="Resource.RequiredCapability"/>).
/// </summary>
internal readonly record struct Capability(string Value)
{
    /// <summary>The template creates IAM resources (roles, instance profiles) without custom names.</summary>
    public static Capability Iam { get; } = new("CAPABILITY_IAM");

    public override string ToString() => Value;
}
