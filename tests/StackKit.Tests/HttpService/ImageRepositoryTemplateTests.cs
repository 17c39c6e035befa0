using System.Text.Json;
using StackKit.HttpService;
using StackKit.Templates;
using StackKit.Tests.FirstBoot;
using StackKit.Tests.Templates;

namespace StackKit.Tests.HttpService;

/// <summary>
/// Private images: the stack's own repository (immutable tags, scan on push, the newest N tagged images, kept when the
/// stack goes), the one pull policy of the instance role, and the servers' ECR login.
/// </summary>
public sealed class ImageRepositoryTemplateTests
{
    private const string Granted = TemplateVariants.PulledRepository;

    private static string Compact(JsonElement element) => JsonSerializer.Serialize(element);

    private static JsonElement Json(HttpServiceOptions options) => JsonDocument.Parse(TemplateWriter.ToJson(HttpServiceTemplate.Build(options))).RootElement;

    [Fact]
    public void The_repository_keeps_tags_immutable_scans_on_push_expires_beyond_the_parameter_and_outlives_the_stack()
    {
        var template = Json(new HttpServiceOptions { ImageRepository = true });

        var repository = template.GetProperty("Resources").GetProperty("ImageRepository");
        Assert.Equal("AWS::ECR::Repository", repository.GetProperty("Type").GetString());
        Assert.Equal(("Retain", "Retain"), (repository.GetProperty("DeletionPolicy").GetString(), repository.GetProperty("UpdateReplacePolicy").GetString()));
        var properties = repository.GetProperty("Properties");
        Assert.Equal("IMMUTABLE", properties.GetProperty("ImageTagMutability").GetString());
        Assert.True(properties.GetProperty("ImageScanningConfiguration").GetProperty("ScanOnPush").GetBoolean());
        Assert.False(properties.TryGetProperty("EmptyOnDelete", out _));
        Assert.Equal("stackkit/${StackUuid}", properties.GetProperty("RepositoryName").GetProperty("Fn::Sub")[0].GetString());
        // The policy as ECR reads it once CloudFormation substitutes the parameter's default.
        var parameter = template.GetProperty("Parameters").GetProperty("ImageRetentionCount");
        Assert.Equal("100", parameter.GetProperty("Default").GetString());
        var text = properties.GetProperty("LifecyclePolicy").GetProperty("LifecyclePolicyText").GetProperty("Fn::Sub").GetString()!;
        var rule = Assert.Single(JsonDocument.Parse(text.Replace("${ImageRetentionCount}", "100", StringComparison.Ordinal)).RootElement.GetProperty("rules").EnumerateArray());
        var selection = rule.GetProperty("selection");
        Assert.Equal(("tagged", "imageCountMoreThan", 100, "expire"),
            (selection.GetProperty("tagStatus").GetString(), selection.GetProperty("countType").GetString(), selection.GetProperty("countNumber").GetInt32(), rule.GetProperty("action").GetProperty("type").GetString()));
        Assert.Equal("*", Assert.Single(selection.GetProperty("tagPatternList").EnumerateArray()).GetString());
        var output = template.GetProperty("Outputs").GetProperty(HttpServiceNames.ImageRepositoryUriOutput).GetProperty("Value");
        Assert.Equal("""["ImageRepository","RepositoryUri"]""", Compact(output.GetProperty("Fn::GetAtt")));
    }

    [Fact]
    public void The_role_may_get_a_registry_token_and_pull_from_the_stack_s_and_the_granted_repositories_only()
    {
        var template = Json(new HttpServiceOptions { ImageRepository = true, PullRepositoryArns = [Granted] });

        var policies = template.GetProperty("Resources").GetProperty("InstanceRole").GetProperty("Properties").GetProperty("Policies").EnumerateArray().ToList();
        var pull = Assert.Single(policies, p => p.GetProperty("PolicyName").GetString() == "ImagePull").GetProperty("PolicyDocument").GetProperty("Statement");
        Assert.Equal(2, pull.GetArrayLength());
        Assert.Equal("""["ecr:GetAuthorizationToken"]""", Compact(pull[0].GetProperty("Action")));
        Assert.Equal("""["*"]""", Compact(pull[0].GetProperty("Resource")));
        Assert.Equal("""["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]""", Compact(pull[1].GetProperty("Action")));
        Assert.Equal($$"""[{"Fn::GetAtt":["ImageRepository","Arn"]},"{{Granted}}"]""", Compact(pull[1].GetProperty("Resource")));
        // No other policy names an ECR action.
        Assert.DoesNotContain(policies.Where(p => p.GetProperty("PolicyName").GetString() != "ImagePull"), p => p.GetRawText().Contains("ecr:", StringComparison.Ordinal));
    }

    [Fact]
    public void Granted_repositories_alone_give_the_pull_policy_without_a_repository_and_the_default_gives_neither()
    {
        var granted = Json(new HttpServiceOptions { PullRepositoryArns = [Granted] });
        var plain = TemplateWriter.ToJson(HttpServiceTemplate.Build());

        Assert.False(granted.GetProperty("Resources").TryGetProperty("ImageRepository", out _));
        Assert.False(granted.GetProperty("Outputs").TryGetProperty(HttpServiceNames.ImageRepositoryUriOutput, out _));
        Assert.Contains("\"ImagePull\"", granted.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("amazon-ecr-credential-helper", granted.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("ecr:", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("credHelpers", plain, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com/svc/web:1.4", "123456789012.dkr.ecr.us-east-1.amazonaws.com")]
    [InlineData("987654321098.dkr.ecr-fips.us-gov-west-1.amazonaws.com/web@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "987654321098.dkr.ecr-fips.us-gov-west-1.amazonaws.com")]
    [InlineData("ghcr.io/stackkit/http-service:0.1.0", null)]
    [InlineData("public.ecr.aws/nginx/nginx:1.27", null)]
    public async Task The_boot_hands_an_ECR_image_s_registry_to_the_credential_helper_and_leaves_others_anonymous(string image, string? registry)
    {
        var folder = Directory.CreateTempSubdirectory("stackkit-ecr-login-").FullName;
        try
        {
            var userData = RenderedUserData.From(TemplateWriter.ToJson(HttpServiceTemplate.Build(new HttpServiceOptions { ImageRepository = true })), "web", "us-east-1",
                new Dictionary<string, string> { [HttpServiceNames.DockerImage] = image });
            var start = userData.IndexOf("registry=$(", StringComparison.Ordinal);
            var block = userData.Substring(start, userData.IndexOf("\nfi\n", start, StringComparison.Ordinal) + 3 - start);
            // The block as the boot runs it, with dnf recorded and root's Docker folder in the test's own.
            var script = Path.Combine(folder, "login.sh");
            await File.WriteAllTextAsync(script, "set -euo pipefail\ndnf() { echo \"dnf $*\" >> '" + folder + "/dnf.log'; }\n" + block.Replace("/root/.docker", folder + "/docker", StringComparison.Ordinal));

            var (exitCode, output) = await ExternalTool.RunAsync("bash", script);

            Assert.True(exitCode == 0, output);
            var config = Path.Combine(folder, "docker", "config.json");
            if (registry is null)
            {
                Assert.False(File.Exists(config));
                Assert.False(File.Exists(Path.Combine(folder, "dnf.log")));
            }
            else
            {
                Assert.Equal("{\"credHelpers\":{\"" + registry + "\":\"ecr-login\"}}", JsonSerializer.Serialize(JsonDocument.Parse(await File.ReadAllTextAsync(config)).RootElement));
                Assert.Equal("dnf install -y amazon-ecr-credential-helper\n", await File.ReadAllTextAsync(Path.Combine(folder, "dnf.log")));
                Assert.Equal("700", (await ExternalTool.RunAsync("stat", "-c", "%a", Path.Combine(folder, "docker"))).Output.Trim());
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_user_data_with_the_ECR_login_passes_shellcheck()
    {
        var folder = Directory.CreateTempSubdirectory("stackkit-ecr-shellcheck-").FullName;
        try
        {
            var userData = Path.Combine(folder, "user-data");
            await File.WriteAllTextAsync(userData, RenderedUserData.From(TemplateWriter.ToJson(HttpServiceTemplate.Build(new HttpServiceOptions { ImageRepository = true })), "web", "us-east-1",
                new Dictionary<string, string> { [HttpServiceNames.DockerImage] = "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1" }));

            var (exitCode, findings) = await ExternalTool.RunAsync("shellcheck", userData);

            Assert.True(exitCode == 0, findings);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("arn:aws:ecr:us-east-1:123456789012:repository/Web", "is not an ECR repository ARN")]
    [InlineData("arn:aws:ecr:us-east-1:12345:repository/web", "is not an ECR repository ARN")]
    [InlineData("arn:aws:ecr-public::123456789012:repository/web", "is not an ECR repository ARN")]
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com/web", "is not an ECR repository ARN")]
    public void A_grant_that_is_not_a_repository_ARN_is_refused_naming_it(string arn, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => HttpServiceTemplate.Build(new HttpServiceOptions { PullRepositoryArns = [arn] }));

        Assert.Equal("PullRepositoryArns", error.ParamName);
        Assert.Contains($"'{arn}' {expected}; use one like arn:aws:ecr:us-east-1:123456789012:repository/web", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_repeated_grant_is_refused_and_without_the_instance_role_there_is_nothing_to_pull_with()
    {
        var twice = Assert.Throws<ArgumentException>(() => HttpServiceTemplate.Build(new HttpServiceOptions { PullRepositoryArns = [Granted, Granted] }));
        // As central logs: no instance role, no role's parts (the preflight then refuses a private image).
        var withoutRole = TemplateWriter.ToJson(HttpServiceTemplate.Build(new HttpServiceOptions { ImageRepository = true, PullRepositoryArns = [Granted], FleetKeyStore = false }));

        Assert.StartsWith("PullRepositoryArns names a repository twice", twice.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("AWS::ECR::Repository", withoutRole, StringComparison.Ordinal);
        Assert.DoesNotContain("ecr:BatchGetImage", withoutRole, StringComparison.Ordinal);
        Assert.DoesNotContain("credHelpers", withoutRole, StringComparison.Ordinal);
    }
}
