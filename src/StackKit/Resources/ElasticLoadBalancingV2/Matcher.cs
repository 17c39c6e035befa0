using StackKit.Templates;

namespace StackKit.Resources.ElasticLoadBalancingV2;

/// <summary>The HTTP codes a health check counts as healthy.</summary>
public sealed class Matcher : PropertyObject
{
    /// <summary>A code, a list (<c>200,202</c>) or a range (<c>200-299</c>).</summary>
    public Value<string>? HttpCode { get => GetValue<string>(); set => SetValue(value); }
}
