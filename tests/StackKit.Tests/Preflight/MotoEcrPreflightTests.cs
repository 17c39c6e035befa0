using System.Text.Json;
using StackKit.HttpService;
using StackKit.Preflight;
using StackKit.Tests.Moto;

namespace StackKit.Tests.Preflight;

/// <summary>
/// The stack's image repository on moto, read back with the aws CLI, and the preflight of a private image through
/// ECR's DescribeImages: a pushed tag passes, a missing one is refused naming the tag and the repository, and an
/// ECR repository the role may not pull from is refused before any call.
/// </summary>
[Collection(UsesMoto.Name)]
public sealed class MotoEcrPreflightTests(MotoServer moto) : PreflightOnMotoTests(moto)
{
    private const string OtherRepository = "arn:aws:ecr:us-east-1:123456789012:repository/team/base";

    // An OCI image manifest as a registry stores it; moto takes any JSON and digests it.
    private const string Manifest =
        """{"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json", "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a", "size": 2}, "layers": []}""";

    [Fact]
    public async Task The_option_creates_an_immutable_repository_and_a_role_that_may_pull_only_from_it_and_the_granted_one()
    {
        var stack = await Moto.CreateAsync([], "web", template: new HttpServiceOptions { ImageRepository = true, PullRepositoryArns = [OtherRepository] });

        var uri = stack.Outputs[HttpServiceNames.ImageRepositoryUriOutput];
        Assert.Matches(@"^123456789012\.dkr\.ecr\.us-east-1\.amazonaws\.com/[a-z0-9._/-]+$", uri);
        var repository = Assert.Single((await Moto.AwsAsync("ecr", "describe-repositories")).GetProperty("repositories").EnumerateArray());
        Assert.Equal(uri, repository.GetProperty("repositoryUri").GetString());
        Assert.Equal("IMMUTABLE", repository.GetProperty("imageTagMutability").GetString());
        // Scan on push is asserted on the template (ImageRepositoryTemplateTests): moto 5.2.1 stores CloudFormation's
        // ImageScanningConfiguration as given (ScanOnPush), which the CLI's model, reading scanOnPush, drops.
        // The instances' role, beside the SSH key audit function's.
        var role = Assert.Single((await Moto.AwsAsync("iam", "list-roles")).GetProperty("Roles").EnumerateArray(),
            r => r.GetProperty("RoleName").GetString()!.Contains("InstanceRole", StringComparison.Ordinal)).GetProperty("RoleName").GetString()!;
        var document = (await Moto.AwsAsync("iam", "get-role-policy", "--role-name", role, "--policy-name", "ImagePull")).GetProperty("PolicyDocument");
        // moto 5.2.1 keeps a template's policy as Python's repr of it: read as text, its exact shape asserted on the template.
        var text = document.ValueKind == JsonValueKind.String ? document.GetString()! : document.GetRawText();
        Assert.Contains(repository.GetProperty("repositoryArn").GetString()!, text, StringComparison.Ordinal);
        Assert.Contains(OtherRepository, text, StringComparison.Ordinal);
        Assert.Equal(["ecr:GetAuthorizationToken", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
            System.Text.RegularExpressions.Regex.Matches(text, @"['""](ecr:[A-Za-z]+)['""]").Select(m => m.Groups[1].Value));
    }

    [Fact]
    public async Task A_pushed_tag_of_the_stack_s_repository_passes_and_a_missing_one_is_refused_naming_tag_repository_and_fix()
    {
        var stack = await Moto.CreateAsync([], "web", template: new HttpServiceOptions { ImageRepository = true });
        var uri = stack.Outputs[HttpServiceNames.ImageRepositoryUriOutput];
        var name = uri.Substring(uri.IndexOf('/') + 1);
        await Moto.AwsAsync("ecr", "put-image", "--repository-name", name, "--image-tag", "1.4.0-abc1234", "--image-manifest", Manifest);

        var actions = await Moto.ActionsDuringAsync(() => Moto.UpdateAsync("web", new() { [HttpServiceNames.DockerImage] = uri + ":1.4.0-abc1234" }));
        var error = await Assert.ThrowsAsync<PreflightException>(() => Moto.UpdateAsync("web", new() { [HttpServiceNames.DockerImage] = uri + ":1.5.0-def5678" }));

        Assert.Contains("UpdateStack", actions);
        Assert.Equal(uri + ":1.4.0-abc1234", (await Moto.StackAsync("web")).GetProperty("Parameters").EnumerateArray()
            .Single(p => p.GetProperty("ParameterKey").GetString() == HttpServiceNames.DockerImage).GetProperty("ParameterValue").GetString());
        // The create's default image warns (ghcr.io is not reachable from the tests); the private one is checked, not warned about.
        Assert.DoesNotContain(Moto.Warnings, warning => warning.Message.Contains(uri, StringComparison.Ordinal));
        Assert.Equal(PreflightCheck.DockerImage, error.Check);
        Assert.Equal(
            $"Docker image '{uri}:1.5.0-def5678' does not exist: ECR repository '{name}' (account 123456789012, us-east-1) has no image tagged '1.5.0-def5678'. " +
            $"Push it first (Publish-HttpServiceImage, or docker push {uri}:1.5.0-def5678), or pick a pushed one (aws ecr describe-images --repository-name {name} --region us-east-1).",
            error.Message);
    }

    [Fact]
    public async Task An_ECR_image_the_role_may_not_pull_is_refused_before_any_call_and_a_granted_missing_repository_is_named()
    {
        var stack = await Moto.CreateAsync([], "web", template: new HttpServiceOptions { PullRepositoryArns = [OtherRepository] });
        const string ungranted = "123456789012.dkr.ecr.us-east-1.amazonaws.com/team/other:1.0";

        var refused = await Assert.ThrowsAsync<PreflightException>(() => Moto.UpdateAsync("web", new() { [HttpServiceNames.DockerImage] = ungranted }));
        var missing = await Assert.ThrowsAsync<PreflightException>(() => Moto.UpdateAsync("web", new() { [HttpServiceNames.DockerImage] = "123456789012.dkr.ecr.us-east-1.amazonaws.com/team/base:1.0" }));

        Assert.Equal("CREATE_COMPLETE", stack.Status.Value);
        Assert.StartsWith(
            $"Docker image '{ungranted}' is in ECR repository arn:aws:ecr:us-east-1:123456789012:repository/team/other, which the instances may not pull from: their role may pull only from the stack's own repository",
            refused.Message, StringComparison.Ordinal);
        Assert.Contains("Grant this one (-PullRepositoryArn arn:aws:ecr:us-east-1:123456789012:repository/team/other", refused.Message, StringComparison.Ordinal);
        Assert.StartsWith("Docker image '123456789012.dkr.ecr.us-east-1.amazonaws.com/team/base:1.0' names ECR repository 'team/base', which does not exist in account 123456789012 in us-east-1.",
            missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_stack_cannot_start_on_its_own_repository_and_is_told_the_order()
    {
        var error = await Assert.ThrowsAsync<PreflightException>(() => Moto.CreateAsync(
            new() { [HttpServiceNames.DockerImage] = "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.0" }, "web", template: new HttpServiceOptions { ImageRepository = true }));

        Assert.EndsWith("The stack's own repository exists only once the stack does: create the stack with a public image first, push yours to its ImageRepositoryUri, then update to it.",
            error.Message, StringComparison.Ordinal);
        Assert.Empty(await Moto.StackNamesAsync());
    }
}
