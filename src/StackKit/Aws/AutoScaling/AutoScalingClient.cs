namespace StackKit.Aws.AutoScaling;

/// <summary>The Auto Scaling operation StackKit calls: DescribeAutoScalingGroups.</summary>
internal sealed class AutoScalingClient(QueryTransport transport)
{
    public async Task<IReadOnlyList<AutoScalingGroup>> DescribeAutoScalingGroupsAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var groups = new List<AutoScalingGroup>();
        string? nextToken = null;
        do
        {
            var request = new QueryRequest("DescribeAutoScalingGroups").AddList("AutoScalingGroupNames", names).Add("NextToken", nextToken);
            var result = await transport.SendAsync(AwsService.AutoScaling, request, cancellationToken).ConfigureAwait(false);
            groups.AddRange(result.Members("AutoScalingGroups").Select(AutoScalingGroup.FromXml));
            nextToken = result.ChildText("NextToken");
        }
        while (nextToken is not null);
        return groups;
    }
}
