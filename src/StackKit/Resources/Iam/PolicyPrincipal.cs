using StackKit.Templates;

namespace StackKit.Resources.Iam;

/// <summary>The principal of a trust policy statement.</summary>
public sealed class PolicyPrincipal : PropertyObject
{
    /// <summary>AWS services, e.g. <c>ec2.amazonaws.com</c>.</summary>
    public ValueList<string>? Service { get => GetList<string>(); set => SetList(value); }
}
