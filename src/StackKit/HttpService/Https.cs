using StackKit.Resources.Route53;
using StackKit.Templates;
using V2 = StackKit.Resources.ElasticLoadBalancingV2;

namespace StackKit.HttpService;

/// <summary>
/// HTTPS on the Application Load Balancer: 443 with the certificate and a TLS 1.3 policy, forwarding to the servers;
/// 80 answering only with a permanent redirect to HTTPS; and, with a domain, a Route 53 alias record.
/// </summary>
internal static class Https
{
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
