using StackKit.Templates;

namespace StackKit.Resources.ElasticLoadBalancingV2;

/// <summary>What a listener does with requests.</summary>
public sealed class ListenerAction : PropertyObject
{
    /// <summary><c>forward</c>, <c>redirect</c>, <c>fixed-response</c>…</summary>
    public Value<ActionType>? Type { get => GetValue<ActionType>("Type"); set => SetValue(value, "Type"); }

    /// <summary>Where <c>redirect</c> sends the client.</summary>
    public RedirectConfig? RedirectConfig { get => GetObject<RedirectConfig>(); set => SetObject(value); }

    /// <summary>Where <c>forward</c> sends them.</summary>
    public Value<string>? TargetGroupArn { get => GetValue<string>(); set => SetValue(value); }
}
