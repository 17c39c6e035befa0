namespace StackKit.Aws.ElasticLoadBalancing;

/// <summary>
/// How a load balancer sees one instance: a Classic ELB says InService/OutOfService, an ALB target group
/// healthy/unhealthy/initial/draining...; the reason says why when it is not serving.
/// </summary>
internal sealed record TargetState(string InstanceId, string State, string? Reason);
