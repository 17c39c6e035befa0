using System.Xml.Linq;

namespace StackKit.Aws.Route53;

/// <summary>What StackKit reads of a Route 53 <c>HostedZone</c>.</summary>
/// <param name="Id">The id as Route 53 gives it, e.g. <c>/hostedzone/Z0123456789ABCDEFGHIJ</c>.</param>
/// <param name="Name">The zone's domain, fully qualified with its final dot (<c>example.com.</c>).</param>
/// <param name="PrivateZone">Whether it answers only inside its VPCs.</param>
internal sealed record HostedZone(string Id, string Name, bool PrivateZone)
{
    /// <summary>
    /// Reads a <c>HostedZone</c> element. Route 53 leaves out <c>Config</c> when the zone was created without one
    /// (the model: "If you omitted the HostedZoneConfig and Comment elements from the request, the Config and Comment
    /// elements don't appear in the response"), and a private zone can only be created with one, so absence is public.
    /// </summary>
    public static HostedZone FromXml(XElement zone) => new(
        zone.RequiredText("Id"),
        zone.RequiredText("Name"),
        string.Equals(zone.Elements().FirstOrDefault(e => e.Name.LocalName == "Config").ChildText("PrivateZone"), "true", StringComparison.Ordinal));
}
