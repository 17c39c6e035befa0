using Amazon.EC2.Model;

namespace StackKit.Preflight;

/// <summary>
/// The instance type is offered in both zones the template's subnets use: like <c>Fn::GetAZs</c>, the region's
/// available zones in alphabetical order, the first two (see Network).
/// </summary>
internal sealed class InstanceTypeOfferingCheck : IPreflightCheck
{
    /// <summary>How many zones the template's subnets use.</summary>
    public const int ZonesUsed = 2;

    public string Name => "InstanceType";

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
        await Task.WhenAll(zones, offerings).ConfigureAwait(false);
        var used = ((await zones.ConfigureAwait(false)).AvailabilityZones ?? [])
            .Select(z => z.ZoneName)
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
