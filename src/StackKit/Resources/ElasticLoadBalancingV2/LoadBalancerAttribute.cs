using StackKit.Templates;

namespace StackKit.Resources.ElasticLoadBalancingV2;

/// <summary>One load balancer attribute, e.g. <c>routing.http.drop_invalid_header_fields.enabled</c>.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "CloudFormation's own name for the property type.")]
public sealed class LoadBalancerAttribute : PropertyObject
{
    /// <summary>The attribute's name.</summary>
    public Value<string>? Key { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>Its value, always a string.</summary>
    public Value<string>? Value { get => GetValue<string>(); set => SetValue(value); }
}
