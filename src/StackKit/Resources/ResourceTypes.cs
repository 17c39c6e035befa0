using StackKit.Templates;

namespace StackKit.Resources;

/// <summary>The typed resource classes the reader creates for known CloudFormation types.</summary>
internal static class ResourceTypes
{
    private static readonly Dictionary<string, Func<string, Resource>> Factories = new(StringComparer.Ordinal)
    {
        [Ec2.Vpc.TypeName] = id => new Ec2.Vpc(id),
        [Ec2.Subnet.TypeName] = id => new Ec2.Subnet(id),
        [Ec2.InternetGateway.TypeName] = id => new Ec2.InternetGateway(id),
        [Ec2.VpcGatewayAttachment.TypeName] = id => new Ec2.VpcGatewayAttachment(id),
        [Ec2.RouteTable.TypeName] = id => new Ec2.RouteTable(id),
        [Ec2.Route.TypeName] = id => new Ec2.Route(id),
        [Ec2.SubnetRouteTableAssociation.TypeName] = id => new Ec2.SubnetRouteTableAssociation(id),
        [Ec2.SecurityGroup.TypeName] = id => new Ec2.SecurityGroup(id),
        [Ec2.SecurityGroupIngress.TypeName] = id => new Ec2.SecurityGroupIngress(id),
        [Ec2.LaunchTemplate.TypeName] = id => new Ec2.LaunchTemplate(id),
        [ElasticLoadBalancing.LoadBalancer.TypeName] = id => new ElasticLoadBalancing.LoadBalancer(id),
        [ElasticLoadBalancingV2.LoadBalancer.TypeName] = id => new ElasticLoadBalancingV2.LoadBalancer(id),
        [ElasticLoadBalancingV2.TargetGroup.TypeName] = id => new ElasticLoadBalancingV2.TargetGroup(id),
        [ElasticLoadBalancingV2.Listener.TypeName] = id => new ElasticLoadBalancingV2.Listener(id),
        [AutoScaling.AutoScalingGroup.TypeName] = id => new AutoScaling.AutoScalingGroup(id),
        [AutoScaling.ScalingPolicy.TypeName] = id => new AutoScaling.ScalingPolicy(id),
        [CloudWatch.Alarm.TypeName] = id => new CloudWatch.Alarm(id),
        [DynamoDB.Table.TypeName] = id => new DynamoDB.Table(id),
        [Iam.Role.TypeName] = id => new Iam.Role(id),
        [Iam.InstanceProfile.TypeName] = id => new Iam.InstanceProfile(id),
        [Logs.LogGroup.TypeName] = id => new Logs.LogGroup(id),
        [Logs.MetricFilter.TypeName] = id => new Logs.MetricFilter(id),
        [Lambda.LambdaFunction.TypeName] = id => new Lambda.LambdaFunction(id),
        [Lambda.EventSourceMapping.TypeName] = id => new Lambda.EventSourceMapping(id),
        [Ecr.Repository.TypeName] = id => new Ecr.Repository(id),
        [Sns.Topic.TypeName] = id => new Sns.Topic(id),
        [Sns.Subscription.TypeName] = id => new Sns.Subscription(id),
        [Route53.RecordSet.TypeName] = id => new Route53.RecordSet(id),
    };

    public static Resource Create(string logicalId, string type) =>
        Factories.TryGetValue(type, out var create) ? create(logicalId) : new Resource(logicalId, type);
}
