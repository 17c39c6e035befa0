using StackKit.HttpService;
using StackKit.Preflight;
using StackKit.Stacks;
using StackKit.Tests.Moto;

namespace StackKit.Tests.Preflight;

/// <summary>The image check through the facade, on moto and real loopback docker-registry instances.</summary>
[Collection(UsesMoto.Name)]
public sealed class RegistryPreflightTests(MotoServer moto, RegistryFixture registries) : PreflightOnMotoTests(moto), IClassFixture<RegistryFixture>
{
    [Fact]
    public async Task A_tag_the_registry_does_not_have_is_refused_naming_image_and_tag_and_no_stack_is_created()
    {
        var image = $"{registries.TokenAuth.Address}/{RegistryFixture.Repository}:9.9";

        var error = await Assert.ThrowsAsync<PreflightException>(() => CreateAsync(image));

        Assert.Equal(PreflightCheck.DockerImage, error.Check);
        Assert.Equal($"Docker image '{image}' does not exist: 127.0.0.1 has no team/web tag '9.9'. Check the name and tag, or push the image first.", error.Message);
        Assert.Empty(await Moto.StackNamesAsync());
    }

    [Fact]
    public async Task An_image_only_logged_in_users_may_pull_is_refused()
    {
        var image = $"{registries.StrictTokenAuth.Address}/{RegistryFixture.Repository}:{RegistryFixture.Tag}";

        var error = await Assert.ThrowsAsync<PreflightException>(() => CreateAsync(image));

        Assert.StartsWith($"Docker image '{image}' cannot be pulled anonymously, as the instances pull it:", error.Message, StringComparison.Ordinal);
        Assert.Empty(await Moto.StackNamesAsync());
    }

    [Fact]
    public async Task A_private_ECR_image_the_role_may_not_pull_is_refused_without_asking_the_registry()
    {
        var error = await Assert.ThrowsAsync<PreflightException>(() => CreateAsync("123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.0"));

        Assert.Contains("is in ECR repository arn:aws:ecr:us-east-1:123456789012:repository/web, which the instances may not pull from", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pinned_image_the_registry_has_passes_with_only_the_loopback_warning()
    {
        var stack = await CreateAsync($"{registries.TokenAuth.Address}/{RegistryFixture.Repository}@{registries.Digest}");

        Assert.Equal("CREATE_COMPLETE", stack.Status.ToString());
        var warning = Assert.Single(Moto.Warnings);
        Assert.Contains("the instances will look for it on themselves", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_image_without_a_tag_passes_with_a_warning_to_pin_a_tag_or_digest()
    {
        var stack = await CreateAsync($"{registries.Open.Address}/{RegistryFixture.Repository}");

        Assert.Equal("CREATE_COMPLETE", stack.Status.ToString());
        Assert.Contains(Moto.Warnings, w => w.Message.Contains("uses no tag (latest), which can change under the stack", StringComparison.Ordinal)
                                        && w.Message.EndsWith("Pin a version tag or a digest (name@sha256:...).", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_update_to_a_missing_tag_is_refused_and_the_stack_keeps_its_image()
    {
        var image = $"{registries.Open.Address}/{RegistryFixture.Repository}:{RegistryFixture.Tag}";
        await CreateAsync(image);

        await Assert.ThrowsAsync<PreflightException>(() => Moto.UpdateAsync(
            "checked", new() { [HttpServiceNames.DockerImage] = $"{registries.Open.Address}/{RegistryFixture.Repository}:2.0" }));

        var stack = await Moto.StackAsync("checked");
        Assert.Equal("CREATE_COMPLETE", stack.GetProperty("StackStatus").GetString());
        Assert.Contains(stack.GetProperty("Parameters").EnumerateArray(), p => p.GetProperty("ParameterValue").GetString() == image);
    }

    private Task<HttpServiceStack> CreateAsync(string image) => Moto.CreateAsync(new() { [HttpServiceNames.DockerImage] = image });
}
