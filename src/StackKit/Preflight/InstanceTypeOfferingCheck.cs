using Amazon.EC2.Model;

namespace StackKit.Preflight;

/// <summary>
/// The instance type is offered in both zones the template's subnets use (see Network): the first two of
/// <c>Fn::GetAZs</c>, which lists the region's zones in alphabetical order, only those with a default subnet unless
/// none has one.
/// </summary>
internal sealed class InstanceTypeOfferingCheck : IPreflightCheck
{
    /// <summary>How many zones the template's subnets use.</summary>
    public const int ZonesUsed = 2;

    public PreflightCheck Name => PreflightCheck.InstanceType;

    public string Subject(PreflightTarget target) => $"where instance type {target.InstanceType} is offered";

    public bool AppliesTo(PreflightTarget target) => target.CheckOfferings;

    public async Task CheckAsync(PreflightContext context, CancellationToken cancellationToken)
    {
        var instanceType = context.Target.InstanceType;
        var zones = context.Ec2.DescribeAvailabilityZonesAsync(
            new DescribeAvailabilityZonesRequest
            {
                Filters = [new Filter("zone-type", ["availability-zone"]), new Filter("state", ["available"])],
            },
            cancellationToken);
        var offerings = context.Ec2.DescribeInstanceTypeOfferingsAsync(
            new DescribeInstanceTypeOfferingsRequest
            {
                LocationType = "availability-zone",
                Filters = [new Filter("instance-type", [instanceType])],
            },
            cancellationToken);
        var defaultSubnets = context.Ec2.DescribeSubnetsAsync(
            new DescribeSubnetsRequest { Filters = [new Filter("default-for-az", ["true"])] },
            cancellationToken);
        await Task.WhenAll(zones, offerings, defaultSubnets).ConfigureAwait(false);
        var withDefaultSubnet = new HashSet<string>(((await defaultSubnets.ConfigureAwait(false)).Subnets ?? []).Select(s => s.AvailabilityZone), StringComparer.Ordinal);
        var used = ((await zones.ConfigureAwait(false)).AvailabilityZones ?? [])
            .Select(z => z.ZoneName)
            .Where(zone => withDefaultSubnet.Count == 0 || withDefaultSubnet.Contains(zone))
            .OrderBy(z => z, StringComparer.Ordinal)
            .Take(ZonesUsed)
            .ToList();
        var offered = new HashSet<string>(((await offerings.ConfigureAwait(false)).InstanceTypeOfferings ?? []).Select(o => o.Location), StringComparer.Ordinal);
        var missing = used.Where(zone => !offered.Contains(zone)).ToList();
        if (missing.Count == 0)
        {
            return;
        }
        var fix = offered.Count == 0
            ? $"{instanceType} is offered in no zone of {context.Region}: check the name (aws ec2 describe-instance-types --region {context.Region}) or use another region."
            : $"It is offered in {string.Join(", ", offered.OrderBy(z => z, StringComparer.Ordinal))}; pick an instance type offered in {string.Join(" and ", used)} (t3.micro is offered nearly everywhere), or another region.";
        throw context.Refuse(Name,
            $"Instance type {instanceType} is not offered in {string.Join(" and ", missing)}, which the stack's subnets use in {context.Region}. {fix}");
    }
}
