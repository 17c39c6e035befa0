using StackKit.Templates;

namespace StackKit.Resources.Ecr;

/// <summary>A repository's lifecycle policy: the rules by which ECR expires images.</summary>
public sealed class LifecyclePolicy : PropertyObject
{
    /// <summary>The policy as ECR's lifecycle policy JSON (100 to 30720 characters).</summary>
    public Value<string>? LifecyclePolicyText { get => GetValue<string>(); set => SetValue(value); }
}
