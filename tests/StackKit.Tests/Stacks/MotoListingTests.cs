using System.Collections.Concurrent;
using System.Web;
using StackKit.Tests.Moto;

namespace StackKit.Tests.Stacks;

/// <summary>Listing on moto: the capacity of a page of stacks comes from one Auto Scaling call, not one a stack.</summary>
[Collection(UsesMoto.Name)]
public sealed class MotoListingTests(MotoServer moto) : ServiceOnMoto(moto)
{
    [Fact]
    public async Task Listing_reads_every_stacks_group_in_one_Auto_Scaling_call()
    {
        foreach (var name in new[] { "web-a", "web-b", "web-c" })
        {
            await Service.StartCreateAsync(new HttpServiceStackRequest { StackName = name, DockerImage = "registry.example.test/web:1", SkipPreflight = true });
        }
        using var counting = new ActionCounter();
        using var aws = AwsConnection.Create(new AwsClientOptions
        {
            Region = MotoServer.Region, EndpointUrl = Moto.Endpoint, Credentials = new Amazon.Runtime.BasicAWSCredentials(MotoServer.AccessKey, MotoServer.SecretKey),
        }, counting);

        var listed = await new HttpServiceStacks(aws).ListAsync();

        Assert.Equal(["web-a", "web-b", "web-c"], listed.Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.All(listed, s => Assert.Equal(1, s.Capacity?.MinSize));
        Assert.Equal(1, counting.Count("DescribeAutoScalingGroups"));
        Assert.Equal(3, counting.Count("DescribeStackResources"));
    }

    [Fact]
    public async Task More_groups_than_one_call_takes_are_asked_for_in_calls_of_at_most_100_names()
    {
        using var counting = new ActionCounter();
        using var aws = AwsConnection.Create(new AwsClientOptions
        {
            Region = MotoServer.Region, EndpointUrl = Moto.Endpoint, Credentials = new Amazon.Runtime.BasicAWSCredentials(MotoServer.AccessKey, MotoServer.SecretKey),
        }, counting);

        var groups = await aws.AutoScaling.DescribeAutoScalingGroupsAsync([.. Enumerable.Range(0, 150).Select(i => $"missing-{i}")], CancellationToken.None);

        Assert.Empty(groups);
        Assert.Equal([100, 50], counting.GroupNamesPerCall);
    }

    /// <summary>Counts the Query API actions sent, and how many group names each DescribeAutoScalingGroups names.</summary>
    private sealed class ActionCounter() : DelegatingHandler(new HttpClientHandler())
    {
        private readonly ConcurrentQueue<string> _actions = new();

        public ConcurrentQueue<int> GroupNamesPerCall { get; } = new();

        public int Count(string action) => _actions.Count(a => a == action);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var form = HttpUtility.ParseQueryString(request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken));
            var action = form["Action"] ?? "";
            _actions.Enqueue(action);
            if (action == "DescribeAutoScalingGroups")
            {
                GroupNamesPerCall.Enqueue(form.AllKeys.Count(k => k?.StartsWith("AutoScalingGroupNames.member.", StringComparison.Ordinal) == true));
            }
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
