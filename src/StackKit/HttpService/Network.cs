using StackKit.Resources.Ec2;
using StackKit.Templates;
using StackKit.Templates.Intrinsics;

namespace StackKit.HttpService;

/// <summary>The service's own VPC: two public subnets in different zones, routed to an internet gateway.</summary>
internal sealed class Network
{
    private Network(Vpc vpc, VpcGatewayAttachment gatewayAttachment, Route publicRoute, IReadOnlyList<Subnet> subnets, IReadOnlyList<SubnetRouteTableAssociation> routeTableAssociations)
    {
        RouteTableAssociations = routeTableAssociations;
        Vpc = vpc;
        GatewayAttachment = gatewayAttachment;
        PublicRoute = publicRoute;
        Subnets = subnets;
    }

    public Vpc Vpc { get; }

    public VpcGatewayAttachment GatewayAttachment { get; }

    public Route PublicRoute { get; }

    public IReadOnlyList<Subnet> Subnets { get; }

    /// <summary>
    /// The subnets' links to the public route table. Until they exist a subnet uses the VPC's main route table, which
    /// has no internet route: whatever boots there must wait for them.
    /// </summary>
    public IReadOnlyList<SubnetRouteTableAssociation> RouteTableAssociations { get; }

    public static Network Add(Template template)
    {
        var vpc = template.Add(new Vpc("VPC")
        {
            CidrBlock = HttpServiceTemplate.VpcCidr,
            EnableDnsHostnames = true,
            EnableDnsSupport = true,
            Tags = HttpServiceTemplate.StackNameTags(),
        });
        var gateway = template.Add(new InternetGateway("InternetGateway") { Tags = HttpServiceTemplate.StackNameTags() });
        var attachment = template.Add(new VpcGatewayAttachment("GatewayAttachment") { VpcId = vpc.VpcId, InternetGatewayId = gateway.Ref });
        var routeTable = template.Add(new RouteTable("PublicRouteTable") { VpcId = vpc.VpcId, Tags = HttpServiceTemplate.StackNameTags() });
        var route = template.Add(new Route("PublicRoute") { RouteTableId = routeTable.Ref, DestinationCidrBlock = "0.0.0.0/0", GatewayId = gateway.Ref });
        // The route needs the gateway attached, which a reference alone does not express.
        route.DependsOn.Add(attachment);

        var subnets = new List<Subnet>();
        var associations = new List<SubnetRouteTableAssociation>();
        for (var zone = 0; zone < 2; zone++)
        {
            var subnet = template.Add(new Subnet($"PublicSubnet{zone + 1}")
            {
                VpcId = vpc.VpcId,
                AvailabilityZone = Fn.Select(zone, Fn.GetAZs()),
                CidrBlock = $"10.0.{zone}.0/24",
                MapPublicIpOnLaunch = true,
                Tags = HttpServiceTemplate.StackNameTags(),
            });
            associations.Add(template.Add(new SubnetRouteTableAssociation($"PublicSubnet{zone + 1}RouteTableAssociation") { SubnetId = subnet.SubnetId, RouteTableId = routeTable.Ref }));
            subnets.Add(subnet);
        }
        return new Network(vpc, attachment, route, subnets, associations);
    }
}
