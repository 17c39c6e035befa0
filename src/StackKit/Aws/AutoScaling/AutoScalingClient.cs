using System.Globalization;

namespace StackKit.Aws.AutoScaling;

/// <summary>The Auto Scaling operations StackKit calls: DescribeAutoScalingGroups and DescribeScalingActivities.</summary>
internal sealed class AutoScalingClient(QueryTransport transport)
{
    /// <summary>How many activities one look at a group reads: enough to see a run of retried launches.</summary>
    private const int RecentActivities = 20;

    /// <summary>
    /// The most group names one DescribeAutoScalingGroups call takes: 50 by default, 100 when MaxRecords asks for
    /// 100 (botocore's model of the API).
    /// </summary>
    public const int MaxGroupsPerCall = 100;

    /// <summary>The named groups that exist, in one call per <see cref="MaxGroupsPerCall"/> names; no name, no call.</summary>
    public async Task<IReadOnlyList<AutoScalingGroup>> DescribeAutoScalingGroupsAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var groups = new List<AutoScalingGroup>();
        for (var first = 0; first < names.Count; first += MaxGroupsPerCall)
        {
            var chunk = names.Skip(first).Take(MaxGroupsPerCall).ToList();
            string? nextToken = null;
            do
            {
                var request = new QueryRequest("DescribeAutoScalingGroups")
                    .AddList("AutoScalingGroupNames", chunk)
                    .Add("MaxRecords", MaxGroupsPerCall.ToString(CultureInfo.InvariantCulture))
                    .Add("NextToken", nextToken);
                var result = await transport.SendAsync(AwsService.AutoScaling, request, cancellationToken).ConfigureAwait(false);
                groups.AddRange(result.Members("AutoScalingGroups").Select(AutoScalingGroup.FromXml));
                nextToken = result.ChildText("NextToken");
            }
            while (nextToken is not null);
        }
        return groups;
    }

    /// <summary>
    /// The group's newest activities, newest first (one page). Deleted groups are included: a rollback may already
    /// have removed the group whose launches failed.
    /// </summary>
    public async Task<IReadOnlyList<ScalingActivity>> DescribeRecentScalingActivitiesAsync(string groupName, CancellationToken cancellationToken)
    {
        var request = new QueryRequest("DescribeScalingActivities")
            .Add("AutoScalingGroupName", groupName)
            .Add("IncludeDeletedGroups", true)
            .Add("MaxRecords", RecentActivities.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var result = await transport.SendAsync(AwsService.AutoScaling, request, cancellationToken).ConfigureAwait(false);
        return result.Members("Activities").Select(ScalingActivity.FromXml).ToList();
    }
}
