using StackKit.Aws.CertificateManager;

namespace StackKit.Preflight;

/// <summary>
/// The HTTPS certificate is one the load balancer can use for the service's name: it exists in ACM in the stack's
/// region (the ARN's region is compared before any call), it is issued, and it covers the domain. Each of these would
/// otherwise fail the HTTPS listener only after the network, the load balancer and the role were built, and roll the
/// whole stack back.
/// </summary>
internal sealed class CertificateCheck : IPreflightCheck
{
    public PreflightCheck Name => PreflightCheck.Certificate;

    public string Subject(PreflightTarget target) => $"certificate {target.CertificateArn}";

    public bool AppliesTo(PreflightTarget target) => target.CertificateArn is not null;

    public async Task CheckAsync(PreflightContext context, CancellationToken cancellationToken)
    {
        var arn = context.Target.CertificateArn!;
        var domain = context.Target.DomainName;
        var certificate = await context.CertificateManager.DescribeCertificateAsync(arn, cancellationToken).ConfigureAwait(false)
            ?? throw context.Refuse(Name,
                $"Certificate {arn} does not exist in ACM in {context.Region} for this account. Check the ARN (aws acm list-certificates --region {context.Region}), " +
                $"or request a certificate{(domain is null ? "" : $" for {domain}")} there ({RequestCommand(domain, context.Region)}) and pass its ARN.");
        if (certificate.Status != Certificate.Issued)
        {
            throw context.Refuse(Name, NotIssued(arn, certificate, domain, context.Region));
        }
        if (domain is not null && !certificate.Names.Any(name => DnsName.Covers(name, domain)))
        {
            throw context.Refuse(Name,
                $"Certificate {arn} covers {string.Join(", ", certificate.Names)}, not {domain}, so browsers would refuse https://{domain}. " +
                (certificate.Names.Any(name => name.StartsWith("*.", StringComparison.Ordinal))
                    ? "A wildcard name covers exactly one label: *.example.com covers www.example.com, but neither example.com nor a.b.example.com. "
                    : "") +
                $"Request a certificate for {domain} ({RequestCommand(domain, context.Region)}), validate it and pass its ARN, or set DomainName to a name the certificate covers.");
        }
        if (certificate.Type == Certificate.Private)
        {
            context.Warn(Name,
                $"Certificate {arn} comes from a private certificate authority: browsers and clients that do not trust that authority will refuse the connection. " +
                "Use a public ACM certificate (aws acm request-certificate) for a service reached from the internet.");
        }
    }

    private static string NotIssued(string arn, Certificate certificate, string? domain, string region)
    {
        if (certificate.Status == Certificate.PendingValidation)
        {
            var records = certificate.ValidationRecords.Select(r => $"{r.Type} {r.Name} -> {r.Value}").Distinct().ToList();
            return $"Certificate {arn} is not issued yet (PENDING_VALIDATION), and a load balancer takes only an issued certificate. " +
                (records.Count > 0
                    ? $"ACM issues it once it finds the validation record{(records.Count > 1 ? "s" : "")} {string.Join("; ", records)} in the domain's DNS: create {(records.Count > 1 ? "them" : "it")}, "
                    : $"Complete its validation (aws acm describe-certificate --certificate-arn {arn} --region {region} shows what ACM waits for), ") +
                $"wait until the status is ISSUED (aws acm wait certificate-validated --certificate-arn {arn} --region {region}), then deploy again. ACM gives up 72 hours after the request (VALIDATION_TIMED_OUT).";
        }
        var requestNew = $"request a new one ({RequestCommand(domain, region)}) and pass its ARN once it is issued.";
        return $"Certificate {arn} is {certificate.Status}, and a load balancer takes only an issued certificate. " +
            (certificate.Type == "IMPORTED"
                ? $"Import a renewed certificate under the same ARN (aws acm import-certificate --certificate-arn {arn} ...) and deploy again, or {requestNew}"
                : char.ToUpperInvariant(requestNew[0]) + requestNew.Substring(1));
    }

    private static string RequestCommand(string? domain, string region) =>
        $"aws acm request-certificate --domain-name {domain ?? "NAME"} --validation-method DNS --region {region}";
}
