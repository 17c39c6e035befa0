using System.Net;
using StackKit.HttpService;
using StackKit.Tests.Moto;

namespace StackKit.Tests.HttpService;

/// <summary>The HTTP service facade on moto: what it deploys, and what it refuses before calling AWS.</summary>
[Collection(UsesMoto.Name)]
public sealed class HttpServiceStacksTests(MotoServer moto) : ServiceOnMoto(moto)
{
    [Fact]
    public async Task Create_passes_every_template_parameter_and_returns_status_url_image_type_and_capacity()
    {
        var stack = await Service.CreateAsync(new HttpServiceStackRequest { StackName = "web", DockerImage = "example/web:1" });

        Assert.Equal(StackStatus.CreateComplete, stack.Status);
        Assert.True(stack.Status.IsComplete && !stack.Status.IsInProgress && !stack.Status.IsFailed);
        Assert.Equal(Uri.UriSchemeHttp, stack.Url?.Scheme);
        Assert.Equal(("example/web:1", "t3.micro", "us-east-1"), (stack.DockerImage, stack.InstanceType, stack.Region));
        Assert.Equal(Moto.Endpoint, stack.EndpointUrl);
        Assert.NotNull(stack.Capacity);
        Assert.Equal(stack.Capacity.Instances, stack.Instances);
        var declared = HttpServiceTemplate.Build().Parameters.Select(p => p.LogicalId).Order(StringComparer.Ordinal);
        Assert.Equal(declared, stack.Parameters.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("web (CREATE_COMPLETE)", stack.ToString());
    }

    [Fact]
    public async Task Update_changes_the_image_and_keeps_the_rest()
    {
        await Service.CreateAsync(new HttpServiceStackRequest
        {
            StackName = "web",
            InstanceType = "t3.small",
            ServiceCredential = new NetworkCredential("ops", "correct-horse-battery"),
            Tags = new Dictionary<string, string> { ["team"] = "web" },
        });

        var result = await Service.UpdateAsync("web", new HttpServiceStackUpdate { DockerImage = "example/web:2" });

        Assert.Equal(StackUpdateOutcome.Updated, result.Outcome);
        Assert.Equal(("example/web:2", "t3.small"), (result.Stack.DockerImage, result.Stack.InstanceType));
        Assert.Equal("ops", result.Stack.Parameters[HttpServiceNames.ServiceUsername]);
        Assert.Equal("web", result.Stack.Tags["team"]);
        Assert.NotNull(result.Stack.Capacity);
        Assert.Equal("Updated: web (UPDATE_COMPLETE)", result.ToString());
    }

    public static TheoryData<string, HttpServiceStackRequest> BadRequests => new()
    {
        { "InstanceType", new HttpServiceStackRequest { InstanceType = "huge" } },
        { "DockerImage", new HttpServiceStackRequest { DockerImage = "bad image; rm -rf /" } },
        { "SshCidr", new HttpServiceStackRequest { SshCidr = "10.0.0.0/33" } },
        { "AmiId", new HttpServiceStackRequest { AmiId = "ami-xyz" } },
        { "ServiceCredential", new HttpServiceStackRequest { ServiceCredential = new NetworkCredential("ops", "too-short") } },
        { "StackName", new HttpServiceStackRequest { StackName = "1bad" } },
        { "Tags", new HttpServiceStackRequest { Tags = new Dictionary<string, string> { ["aws:owner"] = "x" } } },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task A_bad_value_is_an_ArgumentException_naming_the_property_and_nothing_is_created(string property, HttpServiceStackRequest request)
    {
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => Service.CreateAsync(request));

        Assert.Equal(property, error.ParamName);
        Assert.DoesNotContain("Async", error.Message, StringComparison.Ordinal);
        Assert.Empty(await Service.ListNamesAsync());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_image_Docker_cannot_pull_is_an_ArgumentException_before_any_call_with_or_without_the_checks(bool skipPreflight)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Service.CreateAsync(new HttpServiceStackRequest
        {
            StackName = "web",
            DockerImage = "Registry.example.com/Web:1",
            SkipPreflight = skipPreflight,
        }));
        var inUpdate = await Assert.ThrowsAsync<ArgumentException>(() =>
            Service.UpdateAsync("nosuch", new HttpServiceStackUpdate { DockerImage = "example/Web:2", SkipPreflight = skipPreflight }));

        Assert.Equal(("DockerImage", "DockerImage"), (error.ParamName, inUpdate.ParamName));
        Assert.StartsWith("'Registry.example.com/Web:1' is not an image reference Docker can pull: 'Web' is not a repository name", error.Message, StringComparison.Ordinal);
        Assert.Empty(await Service.ListNamesAsync());
    }

    [Fact]
    public async Task Without_a_service_credential_the_guessable_default_is_reported_to_the_warnings_sink()
    {
        var warnings = new List<PreflightWarning>();
        var sink = new InlineProgress<PreflightWarning>(warnings.Add);

        await Service.CreateAsync(new HttpServiceStackRequest { StackName = "open", DockerImage = "example/web:1", SkipPreflight = true, Warnings = sink });
        await Service.CreateAsync(new HttpServiceStackRequest
        {
            StackName = "closed", DockerImage = "example/web:1", SkipPreflight = true, Warnings = sink,
            ServiceCredential = new NetworkCredential("ops", "correct-horse-battery"),
        });

        var credential = Assert.Single(warnings, w => w.Check == PreflightCheck.ServiceCredential);
        Assert.Contains("admin/secret", credential.Message, StringComparison.Ordinal);
    }

    private sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    [Fact]
    public async Task A_name_already_taken_is_refused_in_plain_words_before_the_checks_and_the_stack_is_untouched()
    {
        await Service.CreateAsync(new HttpServiceStackRequest { StackName = "web", DockerImage = "example/web:1", SkipPreflight = true });
        var warnings = new List<PreflightWarning>();

        var error = await Assert.ThrowsAsync<StackException>(() => Service.CreateAsync(new HttpServiceStackRequest
        {
            StackName = "web", DockerImage = "example/web:2", Warnings = new InlineProgress<PreflightWarning>(warnings.Add),
        }));

        Assert.StartsWith("A stack named 'web' already exists in us-east-1 (CREATE_COMPLETE). Nothing was sent.", error.Message, StringComparison.Ordinal);
        Assert.Contains("Update-HttpServiceStack web", error.Message, StringComparison.Ordinal);
        // Refused before the image check, which would have warned that its registry cannot be reached.
        Assert.DoesNotContain(warnings, w => w.Check == PreflightCheck.DockerImage);
        Assert.Equal("example/web:1", (await Service.GetAsync("web")).DockerImage);
    }

    [Fact]
    public async Task A_bad_value_in_an_update_names_the_property_before_any_call()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Service.UpdateAsync("nosuch", new HttpServiceStackUpdate { SshCidr = "10.0.0.0/33" }));

        Assert.Equal("SshCidr", error.ParamName);
    }

    [Fact]
    public async Task A_bad_password_is_refused_without_repeating_it()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Service.CreateAsync(new HttpServiceStackRequest
        {
            StackName = "web",
            ServiceCredential = new NetworkCredential("ops", "my secret\tphrase, long enough"),
        }));

        Assert.Equal("ServiceCredential", error.ParamName);
        Assert.Contains("not a valid service password: use 12 to 128 characters, none of them a control character", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("my secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_pair_for_a_template_without_SSH_is_refused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Service.CreateAsync(new HttpServiceStackRequest
        {
            StackName = "web",
            Template = new HttpServiceOptions { SshAccess = false },
            SshKeyName = "ops",
        }));

        Assert.Equal("SshKeyName", error.ParamName);
        Assert.Empty(await Service.ListNamesAsync());
    }

    [Fact]
    public async Task StartCreate_returns_without_waiting_and_the_stack_can_be_watched()
    {
        var started = await Service.StartCreateAsync(new HttpServiceStackRequest { StackName = "web" });

        Assert.Equal("web", started.Name);
        Assert.Equal(StackStatus.CreateComplete, (await Service.WatchAsync("web")).Status);
    }

    [Fact]
    public async Task Get_list_and_names_go_through_the_one_facade()
    {
        await Service.CreateAsync(new HttpServiceStackRequest { StackName = "web" });

        var got = await Service.GetAsync("web");
        var all = await Service.ListAsync();
        var names = await Service.ListNamesAsync();
        var missing = await Assert.ThrowsAsync<StackNotFoundException>(() => Service.GetAsync("nosuch"));

        Assert.NotNull(got.Capacity);
        Assert.Equal(["web"], all.Select(s => s.Name));
        Assert.NotNull(Assert.Single(all).Capacity);
        Assert.Equal(["web"], names);
        Assert.Equal(("nosuch", "us-east-1", (string?)null), (missing.StackName, missing.Region, missing.StackId));
        Assert.IsAssignableFrom<StackKitException>(missing);
    }

    [Fact]
    public async Task A_stack_StackKit_did_not_create_is_neither_updated_nor_deleted()
    {
        var template = Path.Combine(Path.GetTempPath(), $"foreign-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(template, """{"Parameters":{"DockerImage":{"Type":"String","Default":"1"}},"Resources":{"Vpc":{"Type":"AWS::EC2::VPC","Properties":{"CidrBlock":"10.9.0.0/16"}}}}""");
        try
        {
            var (exitCode, _, stderr) = await Moto.RunAwsCliAsync("cloudformation", "create-stack", "--stack-name", "foreign", "--template-body", $"file://{template}");
            Assert.True(exitCode == 0, stderr);
        }
        finally
        {
            File.Delete(template);
        }

        var delete = await Assert.ThrowsAsync<StackNotManagedException>(() => Service.DeleteAsync("foreign"));
        var update = await Assert.ThrowsAsync<StackNotManagedException>(() => Service.UpdateAsync(
            "foreign", new HttpServiceStackUpdate { DockerImage = "example/web:2", SkipPreflight = true }));

        Assert.Contains("'foreign' in us-east-1 was not created by StackKit", delete.Message, StringComparison.Ordinal);
        Assert.Equal(("foreign", "us-east-1"), (update.StackName, update.Region));
        Assert.NotNull(update.StackId);
        var (_, stacks, _) = await Moto.RunAwsCliAsync("cloudformation", "describe-stacks", "--stack-name", "foreign");
        var stack = System.Text.Json.JsonDocument.Parse(stacks).RootElement.GetProperty("Stacks")[0];
        Assert.Equal("CREATE_COMPLETE", stack.GetProperty("StackStatus").GetString());
        Assert.Equal("1", stack.GetProperty("Parameters")[0].GetProperty("ParameterValue").GetString());
    }
}
