namespace StackKit.Aws.ElasticLoadBalancing;

/// <summary>
/// The load-balancer health calls StackKit makes: Classic ELB DescribeInstanceHealth and ELBv2
/// DescribeTargetHealth (the ALB option).
/// </summary>
internal sealed class LoadBalancingClient(QueryTransport transport)
{
    public async Task<IReadOnlyList<TargetState>> DescribeInstanceHealthAsync(string loadBalancerName, CancellationToken cancellationToken)
    {
        var request = new QueryRequest("DescribeInstanceHealth").Add("LoadBalancerName", loadBalancerName);
        var result = await transport.SendAsync(AwsService.ElasticLoadBalancing, request, cancellationToken).ConfigureAwait(false);
        return result.Members("InstanceStates")
            .Select(state => new TargetState(state.RequiredText("InstanceId"), state.RequiredText("State"), ReasonOf(state.ChildText("ReasonCode"), state.ChildText("Description"))))
            .ToList();
    }

    public async Task<IReadOnlyList<TargetState>> DescribeTargetHealthAsync(string targetGroupArn, CancellationToken cancellationToken)
    {
        var request = new QueryRequest("DescribeTargetHealth").Add("TargetGroupArn", targetGroupArn);
        var result = await transport.SendAsync(AwsService.ElasticLoadBalancingV2, request, cancellationToken).ConfigureAwait(false);
        return result.Members("TargetHealthDescriptions")
            .Select(description =>
            {
                var target = description.Elements().First(e => e.Name.LocalName == "Target");
                var health = description.Elements().First(e => e.Name.LocalName == "TargetHealth");
                return new TargetState(target.RequiredText("Id"), health.RequiredText("State"), ReasonOf(health.ChildText("Reason"), health.ChildText("Description")));
            })
            .ToList();
    }

    private static string? ReasonOf(string? code, string? description) =>
        (code, description) switch
        {
            (null or "N/A", null or "N/A") => null,
            (null or "N/A", _) => description,
            (_, null or "N/A") => code,
            _ => $"{code}: {description}",
        };
}
