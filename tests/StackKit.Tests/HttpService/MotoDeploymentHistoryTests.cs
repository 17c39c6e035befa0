using System.Text.Json;
using StackKit.HttpService;
using StackKit.Tests.Moto;

namespace StackKit.Tests.HttpService;

/// <summary>The deploys a stack keeps in its own template, and going back to one, on moto.</summary>
[Collection(UsesMoto.Name)]
public sealed class MotoDeploymentHistoryTests(MotoServer moto) : ServiceOnMoto(moto)
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task Three_deploys_are_listed_newest_first_with_image_principal_and_outcome_and_undo_brings_back_the_previous_image()
    {
        await CreateAsync("web");
        await DeployAsync("web", "registry.example.test/web:2");
        await DeployAsync("web", "registry.example.test/web@" + Digest);
        var principal = (await Moto.AwsJsonAsync("sts", "get-caller-identity")).GetProperty("Arn").GetString();

        var deployments = await Service.ListDeploymentsAsync("web");

        Assert.Equal(["registry.example.test/web@" + Digest, "registry.example.test/web:2", "registry.example.test/web:1"], deployments.Select(d => d.Image));
        Assert.Equal([DeploymentOutcome.Serving, DeploymentOutcome.Succeeded, DeploymentOutcome.Succeeded], deployments.Select(d => d.Outcome));
        Assert.All(deployments, d => Assert.Equal(principal, d.Principal));
        Assert.Equal([Digest, null, null], deployments.Select(d => d.Digest));
        Assert.Equal(deployments.Select(d => d.DeployedAt).OrderDescending(), deployments.Select(d => d.DeployedAt));

        var undone = await Service.UndoAsync(new HttpServiceUndoRequest { StackName = "web", SkipPreflight = true });

        Assert.Equal("registry.example.test/web:2", undone.Stack.DockerImage);
        var after = await Service.ListDeploymentsAsync("web");
        Assert.Equal(("registry.example.test/web:2", DeploymentOutcome.Serving), (after[0].Image, after[0].Outcome));
        Assert.Equal(4, after.Count);

        var picked = await Service.UndoAsync(new HttpServiceUndoRequest { StackName = "web", Image = "registry.example.test/web:1", SkipPreflight = true });

        Assert.Equal("registry.example.test/web:1", picked.Stack.DockerImage);
    }

    // An image set outside StackKit (the aws CLI, the console) is in no entry: undo goes back to the newest image
    // StackKit deployed, not to the one before it.
    [Fact]
    public async Task After_an_image_change_outside_StackKit_undo_goes_back_to_the_newest_deployed_image()
    {
        await CreateAsync("web");
        await DeployAsync("web", "registry.example.test/web:2");
        var described = await Moto.AwsJsonAsync("cloudformation", "describe-stacks", "--stack-name", "web");
        var kept = described.GetProperty("Stacks")[0].GetProperty("Parameters").EnumerateArray()
            .Select(p => p.GetProperty("ParameterKey").GetString()!)
            .Where(key => key != HttpServiceNames.DockerImage)
            .Select(key => $"ParameterKey={key},UsePreviousValue=true");
        await Moto.AwsJsonAsync(["cloudformation", "update-stack", "--stack-name", "web", "--use-previous-template", "--capabilities", "CAPABILITY_IAM",
            "--parameters", $"ParameterKey={HttpServiceNames.DockerImage},ParameterValue=registry.example.test/web:9", .. kept]);

        Assert.DoesNotContain(await Service.ListDeploymentsAsync("web"), d => d.Outcome == DeploymentOutcome.Serving);
        var undone = await Service.UndoAsync(new HttpServiceUndoRequest { StackName = "web", SkipPreflight = true });

        Assert.Equal("registry.example.test/web:2", undone.Stack.DockerImage);
    }

    [Fact]
    public async Task An_image_the_history_does_not_have_is_refused_and_nothing_is_sent()
    {
        await CreateAsync("web");

        var refused = await Assert.ThrowsAsync<StackException>(() =>
            Service.UndoAsync(new HttpServiceUndoRequest { StackName = "web", Image = "registry.example.test/other:9", SkipPreflight = true }));
        var nothingEarlier = await Assert.ThrowsAsync<StackException>(() => Service.UndoAsync(new HttpServiceUndoRequest { StackName = "web", SkipPreflight = true }));

        Assert.Contains("never ran image 'registry.example.test/other:9'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Get-HttpServiceDeployment web", refused.Message, StringComparison.Ordinal);
        Assert.Contains("no earlier image", nothingEarlier.Message, StringComparison.Ordinal);
        Assert.Equal("registry.example.test/web:1", (await Service.GetAsync("web")).DockerImage);
    }

    [Fact]
    public async Task An_image_update_sends_back_the_stacks_own_template_with_only_its_history_added()
    {
        await CreateAsync("web");
        var before = await TemplateAsync("web");

        await DeployAsync("web", "registry.example.test/web:2");

        var after = await TemplateAsync("web");
        Assert.Equal(before.GetProperty("Resources").GetRawText(), after.GetProperty("Resources").GetRawText());
        Assert.Equal(before.GetProperty("Parameters").GetRawText(), after.GetProperty("Parameters").GetRawText());
        Assert.Equal(before.GetProperty("Metadata").GetProperty(OptionsMetadata.Key).GetRawText(), after.GetProperty("Metadata").GetProperty(OptionsMetadata.Key).GetRawText());
        Assert.Equal(2, after.GetProperty("Metadata").GetProperty(DeploymentHistory.Key).GetArrayLength());
    }

    [Fact]
    public async Task The_history_keeps_the_newest_ten_deploys()
    {
        await CreateAsync("web");
        for (var release = 2; release <= DeploymentHistory.Kept + 2; release++)
        {
            await DeployAsync("web", $"registry.example.test/web:{release}");
        }

        var deployments = await Service.ListDeploymentsAsync("web");

        Assert.Equal(Enumerable.Range(3, DeploymentHistory.Kept).Reverse().Select(r => $"registry.example.test/web:{r}"), deployments.Select(d => d.Image));
    }

    [Fact]
    public async Task An_option_change_keeps_the_history()
    {
        await CreateAsync("web");
        await DeployAsync("web", "registry.example.test/web:2");

        await Service.UpdateAsync("web", new HttpServiceStackUpdate { Options = new HttpServiceOptionChanges().Set(o => o.CpuScaling, true), SkipPreflight = true });

        Assert.Equal(["registry.example.test/web:2", "registry.example.test/web:1"], (await Service.ListDeploymentsAsync("web")).Select(d => d.Image));
    }

    private Task<HttpServiceStack> CreateAsync(string name) => Service.CreateAsync(new HttpServiceStackRequest
    {
        StackName = name,
        DockerImage = "registry.example.test/web:1",
        SkipPreflight = true,
    });

    private Task<StackUpdateResult> DeployAsync(string name, string image) =>
        Service.UpdateAsync(name, new HttpServiceStackUpdate { DockerImage = image, SkipPreflight = true });

    private async Task<JsonElement> TemplateAsync(string name)
    {
        var body = (await Moto.AwsJsonAsync("cloudformation", "get-template", "--stack-name", name)).GetProperty("TemplateBody");
        return body.ValueKind == JsonValueKind.String ? JsonDocument.Parse(body.GetString()!).RootElement.Clone() : body;
    }
}
