using StackKit.Templates;

namespace StackKit.Resources.Ec2;

/// <summary>The instance profile a launch template's instances get.</summary>
public sealed class IamInstanceProfile : PropertyObject
{
    /// <summary>The instance profile's ARN.</summary>
    public Value<string>? Arn { get => GetValue<string>(); set => SetValue(value); }
}
