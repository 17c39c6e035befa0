using StackKit.Templates;

namespace StackKit.Resources.Iam;

/// <summary>An inline policy of a role.</summary>
public sealed class Policy : PropertyObject
{
    /// <summary>The policy's name, unique in the role.</summary>
    public Value<string>? PolicyName { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>What the policy allows.</summary>
    public PolicyDocument? PolicyDocument { get => GetObject<PolicyDocument>(); set => SetObject(value); }
}
