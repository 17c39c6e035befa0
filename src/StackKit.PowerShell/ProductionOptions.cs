using StackKit.HttpService;

namespace StackKit.PowerShell;

/// <summary>The production template options New- and Export- take, set on the options they build.</summary>
internal static class ProductionOptions
{
    public static HttpServiceOptions Apply(
        HttpServiceOptions options, string? certificateArn, string? domainName, string? hostedZoneId, string[]? allowedCidrs,
        bool cpuScaling, string? notificationEmail, bool noCentralLogs)
    {
        options.CertificateArn = certificateArn;
        options.DomainName = domainName;
        options.HostedZoneId = hostedZoneId;
        if (allowedCidrs is { Length: > 0 })
        {
            options.AllowedCidrs = allowedCidrs;
        }
        options.CpuScaling = cpuScaling;
        options.NotificationEmail = notificationEmail;
        options.CentralLogs = !noCentralLogs;
        return options;
    }
}
