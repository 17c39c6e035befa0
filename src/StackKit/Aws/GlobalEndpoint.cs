using Amazon;

namespace StackKit.Aws;

/// <summary>
/// Where a global service (Route 53) answers and the region its requests are signed for: one endpoint per partition,
/// as botocore's endpoints.json lists them (<c>route53.amazonaws.com</c> with credential scope us-east-1, and the China
/// and GovCloud partitions' own), whatever the stack's region.
/// </summary>
internal static class GlobalEndpoint
{
    /// <summary>The default endpoint and signing region of Route 53 for a stack in <paramref name="region"/>.</summary>
    public static (Uri Endpoint, RegionEndpoint SigningRegion) Route53(RegionEndpoint region) =>
        region.SystemName.StartsWith("cn-", StringComparison.Ordinal) ? (new Uri("https://route53.amazonaws.com.cn/"), RegionEndpoint.CNNorthWest1)
        : region.SystemName.StartsWith("us-gov-", StringComparison.Ordinal) ? (new Uri("https://route53.us-gov.amazonaws.com/"), RegionEndpoint.USGovCloudWest1)
        : (new Uri("https://route53.amazonaws.com/"), RegionEndpoint.USEast1);
}
