using StackKit.Tests.Moto;

namespace StackKit.Tests.Stacks;

/// <summary>Calls counted on moto: a listing reads a page of stacks' groups in one Auto Scaling call; an update reads the stack once.</summary>
[Collection(UsesMoto.Name)]
public sealed class MotoCallCountTests(MotoServer moto) : ServiceOnMoto(moto)
{
    [Fact]
    public async Task Listing_reads_every_stacks_group_in_one_Auto_Scaling_call()
    {
        foreach (var name in new[] { "web-a", "web-b", "web-c" })
        {
            await Service.StartCreateAsync(new HttpServiceStackRequest { StackName = name, DockerImage = "registry.example.test/web:1", SkipPreflight = true });
        }
        using var counting = new ActionCounter();
        using var aws = Moto.Connect(handler: counting);

        var listed = await new HttpServiceStacks(aws).ListAsync();

        Assert.Equal(["web-a", "web-b", "web-c"], listed.Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.All(listed, s => Assert.Equal(1, s.Capacity?.MinSize));
        Assert.Equal(1, counting.Count("DescribeAutoScalingGroups"));
        Assert.Equal(3, counting.Count("DescribeStackResources"));
    }

    [Fact]
    public async Task An_update_reads_the_stack_once()
    {
        await Service.StartCreateAsync(new HttpServiceStackRequest { StackName = "web", DockerImage = "registry.example.test/web:1", SkipPreflight = true });
        using var counting = new ActionCounter();
        using var aws = Moto.Connect(handler: counting);

        var updated = await new HttpServiceStacks(aws).UpdateAsync("web", new HttpServiceStackUpdate { DockerImage = "registry.example.test/web:2" });

        Assert.Equal("registry.example.test/web:2", updated.Stack.DockerImage);
        // With the checks before deploying (they need the stack): one read before the update; the others are the watch's, after UpdateStack.
        Assert.Equal("DescribeStacks", counting.Actions[0]);
        Assert.Equal(1, counting.Actions.TakeWhile(a => a != "UpdateStack").Count(a => a == "DescribeStacks"));
    }

    [Fact]
    public async Task More_groups_than_one_call_takes_are_asked_for_in_calls_of_at_most_100_names()
    {
        using var counting = new ActionCounter();
        using var aws = Moto.Connect(handler: counting);

        var groups = await aws.AutoScaling.DescribeAutoScalingGroupsAsync([.. Enumerable.Range(0, 150).Select(i => $"missing-{i}")], CancellationToken.None);

        Assert.Empty(groups);
        Assert.Equal([100, 50], counting.GroupNamesPerCall);
    }
}
