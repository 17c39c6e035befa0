using StackKit.Templates;

namespace StackKit.Resources.ElasticLoadBalancingV2;

/// <summary>A certificate an HTTPS listener presents.</summary>
public sealed class ListenerCertificate : PropertyObject
{
    /// <summary>The ACM certificate's ARN.</summary>
    public Value<string>? CertificateArn { get => GetValue<string>(); set => SetValue(value); }
}
