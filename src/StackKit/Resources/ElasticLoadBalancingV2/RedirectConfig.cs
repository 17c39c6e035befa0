using StackKit.Templates;

namespace StackKit.Resources.ElasticLoadBalancingV2;

/// <summary>Where a <c>redirect</c> action sends the client; unset parts keep the request's own.</summary>
public sealed class RedirectConfig : PropertyObject
{
    /// <summary><c>HTTP</c>, <c>HTTPS</c> or <c>#{protocol}</c>.</summary>
    public Value<string>? Protocol { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>The port, a string in the schema (<c>"443"</c> or <c>#{port}</c>).</summary>
    public Value<string>? Port { get => GetValue<string>(); set => SetValue(value); }

    /// <summary><c>HTTP_301</c> (permanent) or <c>HTTP_302</c>.</summary>
    public Value<string>? StatusCode { get => GetValue<string>(); set => SetValue(value); }
}
