using System.Text.Json;
using StackKit.HttpService;
using StackKit.Stacks;
using StackKit.Templates;
using StackKit.Tests.Moto;

namespace StackKit.Tests.Stacks;

/// <summary>An update's preview on moto: CloudFormation's change set is shown, and the stack and its change sets stay as they were.</summary>
[Collection(UsesMoto.Name)]
public sealed class MotoPreviewTests(MotoServer moto) : ServiceOnMoto(moto)
{
    [Fact]
    public async Task A_new_image_is_shown_with_the_rolling_replacement_and_nothing_changes()
    {
        await CreateAsync("web");
        var before = await SnapshotAsync("web");

        var preview = await Service.PreviewUpdateAsync("web", new HttpServiceStackUpdate { DockerImage = "registry.example.test/web:2" });

        var image = Assert.Single(preview.ParameterChanges);
        Assert.Equal(("DockerImage", "registry.example.test/web:1", "registry.example.test/web:2"), (image.Name, image.OldValue, image.NewValue));
        Assert.Contains(preview.Notes, note => note.Contains("replaced one by one by the rolling update", StringComparison.Ordinal));
        // Printed as a C# user would: the image change and the replacement, not "0 resource change(s)".
        Assert.StartsWith("web: DockerImage: registry.example.test/web:1 -> registry.example.test/web:2; ", preview.ToString(), StringComparison.Ordinal);
        Assert.Contains("replaced one by one", preview.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync("web"));
    }

    [Fact]
    public async Task A_changed_template_lists_each_resource_with_its_action_and_leaves_no_change_set()
    {
        await CreateAsync("web");
        var before = await SnapshotAsync("web");
        var application = TemplateWriter.ToJson(HttpServiceTemplate.Build(new HttpServiceOptions { LoadBalancer = LoadBalancerKind.Application }));

        var preview = await new ChangeSetPreview(Aws, TimeProvider.System).PreviewAsync(
            new UpdateStackRequest { StackName = "web", TemplateBody = application, Capabilities = ["CAPABILITY_IAM"] }, [], default);

        Assert.Contains(preview.Changes, c => (c.Action, c.LogicalId, c.ResourceType) == (ResourceChangeAction.Add, "TargetGroup", "AWS::ElasticLoadBalancingV2::TargetGroup"));
        Assert.Contains(preview.Changes, c => (c.Action, c.LogicalId) == (ResourceChangeAction.Add, "Listener"));
        Assert.Contains(preview.Changes, c => (c.Action, c.LogicalId) == (ResourceChangeAction.Modify, "LoadBalancer"));
        Assert.DoesNotContain(preview.Changes, c => c.LogicalId == "VPC");
        Assert.Equal(before, await SnapshotAsync("web"));
    }

    [Fact]
    public async Task A_bad_parameter_is_refused_before_any_change_set_and_an_unknown_stack_is_named()
    {
        await CreateAsync("web");

        await Assert.ThrowsAsync<ArgumentException>(() => Service.PreviewUpdateAsync("web", new HttpServiceStackUpdate { DockerImage = "not an image" }));
        var unknown = await Assert.ThrowsAsync<StackNotFoundException>(() => Service.PreviewUpdateAsync("nope", new HttpServiceStackUpdate()));

        Assert.Equal("nope", unknown.StackName);
        Assert.Equal("[]", (await SnapshotAsync("web")).ChangeSets);
    }

    private Task<HttpServiceStack> CreateAsync(string name) => Service.CreateAsync(new HttpServiceStackRequest
    {
        StackName = name,
        DockerImage = "registry.example.test/web:1",
        SkipPreflight = true,
    });

    /// <summary>What the preview must not change: the stack's status, parameters, template and its change sets.</summary>
    private async Task<(string Status, string Parameters, string Template, string ChangeSets)> SnapshotAsync(string name)
    {
        var stack = (await Moto.AwsJsonAsync("cloudformation", "describe-stacks", "--stack-name", name)).GetProperty("Stacks")[0];
        var template = await Moto.AwsJsonAsync("cloudformation", "get-template", "--stack-name", name);
        var changeSets = await Moto.AwsJsonAsync("cloudformation", "list-change-sets", "--stack-name", name);
        return (
            stack.GetProperty("StackStatus").GetString()!,
            stack.GetProperty("Parameters").GetRawText(),
            template.GetProperty("TemplateBody").GetRawText(),
            changeSets.GetProperty("Summaries").GetRawText());
    }
}
