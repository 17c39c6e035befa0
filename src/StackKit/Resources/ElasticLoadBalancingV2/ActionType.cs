using StackKit.Templates;

namespace StackKit.Resources.ElasticLoadBalancingV2;

/// <summary>What a listener action does (<c>Type</c>).</summary>
/// <param name="Value">The string CloudFormation reads: one of the named values, or another string AWS accepts.</param>
public readonly record struct ActionType(string Value) : IStringValue
{
    /// <summary><c>forward</c>: sends the request to target groups.</summary>
    public static ActionType Forward { get; } = new("forward");

    /// <summary><c>redirect</c>: answers with a redirect.</summary>
    public static ActionType Redirect { get; } = new("redirect");

    /// <summary><c>fixed-response</c>: answers with a fixed response.</summary>
    public static ActionType FixedResponse { get; } = new("fixed-response");

    /// <summary><c>authenticate-oidc</c>: signs the user in with an OpenID Connect provider first.</summary>
    public static ActionType AuthenticateOidc { get; } = new("authenticate-oidc");

    /// <summary><c>authenticate-cognito</c>: signs the user in with Amazon Cognito first.</summary>
    public static ActionType AuthenticateCognito { get; } = new("authenticate-cognito");

    /// <summary>The string CloudFormation reads.</summary>
    public override string ToString() => Value ?? string.Empty;
}
