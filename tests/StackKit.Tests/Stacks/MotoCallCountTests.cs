using System.Text.Json.Nodes;
using StackKit.HttpService;
using StackKit.Stacks;
using StackKit.Templates;
using StackKit.Tests.Moto;

namespace StackKit.Tests.Stacks;

/// <summary>
/// Calls counted on moto: a listing finds each group in the stacks' outputs (asking a stack made before that output
/// for its resources) and reads a page of groups in one Auto Scaling call; an update reads the stack and its template once.
/// </summary>
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
        Assert.All(listed, s => Assert.Equal(s.Outputs[HttpServiceNames.AutoScalingGroupOutput], s.Capacity?.AutoScalingGroupName));
        Assert.Equal(1, counting.Count("DescribeStacks"));
        Assert.Equal(1, counting.Count("DescribeAutoScalingGroups"));
        Assert.Equal(0, counting.Count("DescribeStackResources"));
    }

    [Fact]
    public async Task Listing_asks_only_stacks_made_before_the_group_output_for_their_resources()
    {
        await Service.StartCreateAsync(new HttpServiceStackRequest { StackName = "web-new", DockerImage = "registry.example.test/web:1", SkipPreflight = true });
        await CreateWithoutGroupOutputAsync("web-old-a");
        await CreateWithoutGroupOutputAsync("web-old-b");
        using var counting = new ActionCounter();
        using var aws = Moto.Connect(handler: counting);

        var listed = await new HttpServiceStacks(aws).ListAsync();

        Assert.Equal(["web-new", "web-old-a", "web-old-b"], listed.Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.All(listed, s => Assert.Equal(1, s.Capacity?.MinSize));
        Assert.Equal(2, listed.Count(s => !s.Outputs.ContainsKey(HttpServiceNames.AutoScalingGroupOutput)));
        Assert.Equal(2, counting.Count("DescribeStackResources"));
        Assert.Equal(1, counting.Count("DescribeAutoScalingGroups"));
    }

    [Theory]
    [InlineData(true, 0)]
    [InlineData(false, 1)]
    public async Task Reading_one_stack_asks_for_its_resources_only_without_the_group_output(bool groupOutput, int resourceCalls)
    {
        // Without the health alarms: with them, the alarm e-mail's reader asks for the resources too (see NotificationSubscriptionReader).
        if (groupOutput)
        {
            await Service.StartCreateAsync(new HttpServiceStackRequest
            {
                StackName = "web", DockerImage = "registry.example.test/web:1", SkipPreflight = true, Template = new HttpServiceOptions { RollbackAlarms = false },
            });
        }
        else
        {
            await CreateWithoutGroupOutputAsync("web");
        }
        using var counting = new ActionCounter();
        using var aws = Moto.Connect(handler: counting);

        var stack = await new HttpServiceStacks(aws).GetAsync("web");

        Assert.Equal(1, stack.Capacity?.MinSize);
        Assert.Equal(resourceCalls, counting.Count("DescribeStackResources"));
        Assert.Equal(1, counting.Count("DescribeAutoScalingGroups"));
    }

    [Fact]
    public async Task A_create_without_a_name_gets_the_default_name_and_asks_nothing_about_it_before_creating()
    {
        using var counting = new ActionCounter();
        using var aws = Moto.Connect(handler: counting);
        var before = DateTimeOffset.Now;

        var created = await new HttpServiceStacks(aws).CreateAsync(new HttpServiceStackRequest { DockerImage = "registry.example.test/web:1", SkipPreflight = true });

        // The name made before the create is the one CloudFormation got and the stack carries.
        var user = DefaultStackName.For(Environment.UserName, before);
        Assert.StartsWith(user[..^"yyyyMMdd-HHmmss".Length], created.Name, StringComparison.Ordinal);
        Assert.Matches(@"-\d{8}-\d{6}$", created.Name);
        Assert.Equal([created.Name], (await Service.ListAsync()).Select(s => s.Name));
        // A name made with the time is not looked up: nothing is asked of CloudFormation before the create.
        Assert.Equal("CreateStack", counting.Actions.First(a => a.Length > 0 && a != "GetCallerIdentity"));
    }

    /// <summary>A stack as StackKit made it before the template had the group's output.</summary>
    private async Task CreateWithoutGroupOutputAsync(string name)
    {
        var template = JsonNode.Parse(TemplateWriter.ToJson(HttpServiceTemplate.Build(new HttpServiceOptions { RollbackAlarms = false })))!.AsObject();
        Assert.True(template["Outputs"]!.AsObject().Remove(HttpServiceNames.AutoScalingGroupOutput));
        await new StackLifecycle(Aws).StartCreateAsync(new CreateStackRequest
        {
            StackName = name,
            TemplateBody = template.ToJsonString(),
            Parameters = new Dictionary<string, string> { [HttpServiceNames.DockerImage] = "registry.example.test/web:1" },
            Capabilities = ["CAPABILITY_IAM"],
        });
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
    public async Task An_update_that_changes_an_option_and_the_image_reads_the_template_once()
    {
        await Service.StartCreateAsync(new HttpServiceStackRequest { StackName = "web", DockerImage = "registry.example.test/web:1", SkipPreflight = true });
        using var counting = new ActionCounter();
        using var aws = Moto.Connect(handler: counting);

        // The options the template was built with, its deploy history and the update's own template all come from one read.
        await new HttpServiceStacks(aws).UpdateAsync("web", new HttpServiceStackUpdate
        {
            DockerImage = "registry.example.test/web:2",
            Options = new HttpServiceOptionChanges().Set(o => o.NotificationEmail, "ops@example.com"),
        });

        Assert.Equal(1, counting.Actions.TakeWhile(a => a != "UpdateStack").Count(a => a == "GetTemplate"));
        var deploys = await new HttpServiceStacks(aws).ListDeploymentsAsync("web");
        Assert.Equal("registry.example.test/web:2", deploys[0].Image);
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
