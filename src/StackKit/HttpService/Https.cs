using StackKit.Resources.Route53;
using StackKit.Templates;
using StackKit.Templates.Intrinsics;
using V2 = StackKit.Resources.ElasticLoadBalancingV2;

namespace StackKit.HttpService;

/// <summary>
/// HTTPS on the Application Load Balancer: 443 with the certificate and a TLS 1.3 policy, forwarding to the servers;
/// 80 answering only with a permanent redirect to HTTPS; and, with a domain, a Route 53 alias record.
/// </summary>
internal static class Https
{
    // What a refusal's ArgumentException.ParamName says: the option, as for every refused option.
    private static readonly string CertificateArnOption = nameof(HttpServiceOptions.CertificateArn);

    /// <summary>Whether the service answers HTTPS: the options give a certificate.</summary>
    public static bool IsOn(HttpServiceOptions options) => options.CertificateArn is not null;

    /// <summary>The ports the load balancer takes: 80, and 443 with HTTPS.</summary>
    public static int[] Ports(HttpServiceOptions options) => IsOn(options) ? [80, 443] : [80];

    /// <summary>
    /// Refuses a certificate of another region than the stack's: a load balancer takes only a certificate of its own
    /// region, and the ARN says which, so no call is needed.
    /// </summary>
    /// <exception cref="ArgumentException">The certificate is of another region.</exception>
    public static void CheckCertificateRegion(HttpServiceOptions options, string stackRegion)
    {
        var region = options.CertificateArn?.Split(':') is { Length: > 3 } parts ? parts[3] : null;
        if (region is not null && !string.Equals(region, stackRegion, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"CertificateArn is a certificate of {region}, but the stack is in {stackRegion}, and a load balancer takes only a certificate of its own region. " +
                $"Request or import the certificate in ACM in {stackRegion} and pass that ARN.",
                CertificateArnOption);
        }
    }

    /// <summary>The service's address: http:// and the load balancer's DNS name; with HTTPS, https:// and the domain, or the DNS name.</summary>
    public static Output UrlOutput(HttpServiceOptions options, Value<string> dnsName) => !IsOn(options)
        ? new Output(HttpServiceNames.UrlOutput, Fn.Sub("http://${DnsName}", [new("DnsName", dnsName)]))
        {
            Description = "The service's address: http:// and the load balancer's DNS name.",
        }
        : new Output(HttpServiceNames.UrlOutput, options.DomainName is { } domain ? (Value<string>)("https://" + domain) : Fn.Sub("https://${DnsName}", [new("DnsName", dnsName)]))
        {
            Description = "The service's address: https:// and its domain, or the load balancer's DNS name.",
        };

    /// <summary>Adds both listeners; returns the one that forwards to the servers.</summary>
    public static Resource[] AddListeners(Template template, HttpServiceOptions options, V2.LoadBalancer loadBalancer, V2.TargetGroup targetGroup)
    {
        var https = template.Add(new V2.Listener("HttpsListener")
        {
            LoadBalancerArn = loadBalancer.LoadBalancerArn,
            Port = 443,
            Protocol = V2.Protocol.Https,
            Certificates = [new V2.ListenerCertificate { CertificateArn = options.CertificateArn! }],
            SslPolicy = HttpServiceOptions.TlsPolicy,
            DefaultActions = [new V2.ListenerAction { Type = V2.ActionType.Forward, TargetGroupArn = targetGroup.TargetGroupArn }],
        });
        template.Add(new V2.Listener("Listener")
        {
            LoadBalancerArn = loadBalancer.LoadBalancerArn,
            Port = 80,
            Protocol = V2.Protocol.Http,
            DefaultActions =
            [
                new V2.ListenerAction
                {
                    Type = V2.ActionType.Redirect,
                    RedirectConfig = new V2.RedirectConfig { Protocol = "HTTPS", Port = "443", StatusCode = "HTTP_301" },
                },
            ],
        });
        return [https];
    }

    /// <summary>The alias record, when the options name a domain; its name is the service's address.</summary>
    public static void AddRecord(Template template, HttpServiceOptions options, V2.LoadBalancer loadBalancer)
    {
        if (options.DomainName is null)
        {
            return;
        }
        template.Add(new RecordSet("DnsRecord")
        {
            HostedZoneId = options.HostedZoneId!,
            Name = options.DomainName,
            RecordType = "A",
            AliasTarget = new AliasTarget { DNSName = loadBalancer.DnsName, HostedZoneId = loadBalancer.CanonicalHostedZoneId, EvaluateTargetHealth = true },
        });
    }
}
