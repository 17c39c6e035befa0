using System.Text.RegularExpressions;

namespace StackKit.Aws.Ecr;

/// <summary>
/// An ECR private registry, read from its host <c>&lt;account&gt;.dkr.ecr[-fips].&lt;region&gt;.amazonaws.com[.cn]</c>:
/// its account, its region, and the ECR API endpoint that serves it (AWS General Reference, "Amazon ECR endpoints
/// and quotas": <c>api.ecr.&lt;region&gt;</c>, FIPS <c>ecr-fips.&lt;region&gt;</c>).
/// </summary>
internal sealed record EcrRegistry(string Account, string Region, bool Fips, string DnsSuffix)
{
    /// <summary>ECR's private registries' host names, as bash and .NET both read the expression.</summary>
    public const string HostPattern = @"^[0-9]{12}\.dkr\.ecr(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$";

    private static readonly Regex Host = new(@"^(?<account>[0-9]{12})\.dkr\.ecr(?<fips>-fips)?\.(?<region>[a-z0-9-]+)\.(?<suffix>amazonaws\.com(\.cn)?)$", RegexOptions.CultureInvariant);

    /// <summary>The AWS partition the registry is in, as ARNs name it.</summary>
    public string Partition => DnsSuffix.EndsWith(".cn", StringComparison.Ordinal) ? "aws-cn" : Region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov" : "aws";

    /// <summary>The ECR API endpoint of the registry's region: a FIPS registry's login comes from the FIPS endpoint.</summary>
    public Uri ApiEndpoint => new($"https://{(Fips ? "ecr-fips" : "api.ecr")}.{Region}.{DnsSuffix}/");

    /// <summary>The registry <paramref name="host"/> names, or null when it is not an ECR private registry.</summary>
    public static EcrRegistry? Parse(string host) =>
        Host.Match(host) is { Success: true } match
            ? new EcrRegistry(match.Groups["account"].Value, match.Groups["region"].Value, match.Groups["fips"].Success, match.Groups["suffix"].Value)
            : null;
}
