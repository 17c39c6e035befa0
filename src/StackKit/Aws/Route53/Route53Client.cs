using Amazon;

namespace StackKit.Aws.Route53;

/// <summary>The Route 53 operation StackKit calls, mapped to and from the REST-XML protocol (botocore's route53 2013-04-01 model).</summary>
internal sealed class Route53Client(RestXmlTransport transport, RegionEndpoint signingRegion)
{
    private const string ZonePrefix = "/hostedzone/";

    /// <summary>
    /// The hosted zone, or null when Route 53 has none with that id (<c>NoSuchHostedZone</c>). The id may be bare
    /// (<c>Z0123...</c>) or as Route 53 returns it (<c>/hostedzone/Z0123...</c>), whose prefix botocore strips too.
    /// </summary>
    public async Task<HostedZone?> GetHostedZoneAsync(string hostedZoneId, CancellationToken cancellationToken)
    {
        var id = hostedZoneId.StartsWith(ZonePrefix, StringComparison.Ordinal) ? hostedZoneId.Substring(ZonePrefix.Length) : hostedZoneId;
        try
        {
            var answer = await transport.GetAsync(
                AwsService.Route53, "GetHostedZone", "/2013-04-01/hostedzone/" + Uri.EscapeDataString(id), signingRegion, cancellationToken).ConfigureAwait(false);
            return answer.Elements().FirstOrDefault(e => e.Name.LocalName == "HostedZone") is { } zone ? HostedZone.FromXml(zone) : null;
        }
        catch (AwsServiceException error) when (error.ErrorCode == "NoSuchHostedZone")
        {
            return null;
        }
    }
}
