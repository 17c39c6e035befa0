using StackKit.Templates;

namespace StackKit.Resources.Iam;

/// <summary>An IAM policy document (the IAM JSON policy grammar).</summary>
public sealed class PolicyDocument : PropertyObject
{
    /// <summary>The policy language version: always <see cref="CurrentVersion"/>.</summary>
    public const string CurrentVersion = "2012-10-17";

    /// <summary>The policy language version; <see cref="CurrentVersion"/> for anything written today.</summary>
    public Value<string>? Version { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>The statements.</summary>
    public IReadOnlyList<PolicyStatement>? Statement { get => GetObjects<PolicyStatement>(); set => SetObjects(value); }
}
