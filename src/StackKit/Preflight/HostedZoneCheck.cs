namespace StackKit.Preflight;

/// <summary>
/// The Route 53 zone can publish the service's name: it exists, it is public (a private zone answers only inside its
/// VPCs), and the domain is its name or under it (Route 53 refuses a record outside its zone). Each would otherwise
/// fail the DNS record last, after everything else was built, and roll the whole stack back.
/// </summary>
internal sealed class HostedZoneCheck : IPreflightCheck
{
    public PreflightCheck Name => PreflightCheck.HostedZone;

    public string Subject(PreflightTarget target) => $"hosted zone {target.HostedZoneId}";

    public bool AppliesTo(PreflightTarget target) => target.HostedZoneId is not null && target.DomainName is not null;

    public async Task CheckAsync(PreflightContext context, CancellationToken cancellationToken)
    {
        var id = context.Target.HostedZoneId!;
        var domain = context.Target.DomainName!;
        var zone = await context.Route53.GetHostedZoneAsync(id, cancellationToken).ConfigureAwait(false)
            ?? throw context.Refuse(Name,
                $"Hosted zone {id} does not exist in Route 53 for this account. Pass the id of the public zone that holds {domain} " +
                $"(aws route53 list-hosted-zones-by-name --dns-name {Parent(domain)}), or create the zone and delegate the domain to it.");
        var zoneName = DnsName.Normalize(zone.Name);
        if (zone.PrivateZone)
        {
            throw context.Refuse(Name,
                $"Hosted zone {id} ({zoneName}) is private: it answers only inside its VPCs, so {domain} would not resolve on the internet. " +
                $"Pass the id of the public zone of {zoneName} (aws route53 list-hosted-zones-by-name --dns-name {zoneName}), or create one.");
        }
        if (!DnsName.IsWithin(domain, zoneName))
        {
            throw context.Refuse(Name,
                $"Hosted zone {id} is {zoneName}, which does not contain {domain}: Route 53 takes only records for names in its zone. " +
                $"Pass the id of the zone that holds {domain} (aws route53 list-hosted-zones-by-name --dns-name {Parent(domain)}), or set DomainName to a name under {zoneName}.");
        }
    }

    /// <summary>The domain's parent, where its zone most often is (api.example.com is in example.com).</summary>
    private static string Parent(string domain) => domain.IndexOf('.') is var dot and > 0 && domain.IndexOf('.', dot + 1) > 0 ? domain.Substring(dot + 1) : domain;
}
