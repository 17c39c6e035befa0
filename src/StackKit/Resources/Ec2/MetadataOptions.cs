using StackKit.Templates;

namespace StackKit.Resources.Ec2;

/// <summary>Instance metadata service settings.</summary>
public sealed class MetadataOptions : PropertyObject
{
    /// <summary><c>enabled</c> or <c>disabled</c>.</summary>
    public Value<HttpEndpointState>? HttpEndpoint { get => GetValue<HttpEndpointState>(); set => SetValue(value); }

    /// <summary><c>required</c> makes IMDSv2 (session tokens) mandatory.</summary>
    public Value<HttpTokensState>? HttpTokens { get => GetValue<HttpTokensState>(); set => SetValue(value); }

    /// <summary>How many network hops the token response may travel.</summary>
    public Value<int>? HttpPutResponseHopLimit { get => GetValue<int>(); set => SetValue(value); }
}
