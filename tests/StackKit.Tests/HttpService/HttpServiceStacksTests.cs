using StackKit.Aws;
using StackKit.HttpService;
using StackKit.Stacks;
using StackKit.Tests.Moto;

namespace StackKit.Tests.HttpService;

/// <summary>The HTTP service facade on moto: what it deploys, and what it refuses before calling AWS.</summary>
[Collection(UsesMoto.Name)]
public sealed class HttpServiceStacksTests(MotoServer moto) : ServiceOnMoto(moto)
{
    [Fact]
    public async Task Create_passes_every_template_parameter_so_updates_can_keep_them()
    {
        var stack = await Service.CreateAsync(new HttpServiceStackRequest
        {
            StackName = "web",
            Parameters = new Dictionary<string, string> { [HttpServiceNames.DockerImage] = "example/web:1" },
        });

        Assert.Equal("CREATE_COMPLETE", stack.Status);
        Assert.StartsWith("http://", stack.Url, StringComparison.Ordinal);
        var declared = HttpServiceTemplate.Build().Parameters.Select(p => p.LogicalId).Order(StringComparer.Ordinal);
        Assert.Equal(declared, stack.Parameters.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("example/web:1", stack.Parameters[HttpServiceNames.DockerImage]);
        Assert.Equal("t3.micro", stack.Parameters[HttpServiceNames.InstanceType]);
    }

    [Fact]
    public async Task Update_changes_the_image_and_keeps_the_rest()
    {
        await Service.CreateAsync(new HttpServiceStackRequest
        {
            StackName = "web",
            Parameters = new Dictionary<string, string> { [HttpServiceNames.InstanceType] = "t3.small" },
        });

        var result = await Service.UpdateAsync("web", new Dictionary<string, string> { [HttpServiceNames.DockerImage] = "example/web:2" });

        Assert.Equal(StackUpdateOutcome.Updated, result.Outcome);
        Assert.Equal("example/web:2", result.Stack.Parameters[HttpServiceNames.DockerImage]);
        Assert.Equal("t3.small", result.Stack.Parameters[HttpServiceNames.InstanceType]);
    }

    [Theory]
    [InlineData("InstanceType", "huge", "InstanceType")]
    [InlineData("DockerImage", "bad image; rm -rf /", "DockerImage")]
    [InlineData("SshCidr", "0.0.0.0/99", "SshCidr")]
    [InlineData("AmiId", "ami-xyz", "AmiId")]
    [InlineData("ServicePassword", "it's-a-secret!", "ServicePassword")]
    [InlineData("Colour", "blue", "has no parameter 'Colour'")]
    public async Task A_bad_parameter_is_refused_naming_it_and_nothing_is_created(string name, string value, string expected)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Service.CreateAsync(new HttpServiceStackRequest
        {
            StackName = "web",
            Parameters = new Dictionary<string, string> { [name] = value },
        }));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Empty(await Service.Lifecycle.ListAsync());
    }

    [Fact]
    public async Task A_bad_password_is_refused_without_repeating_it()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Service.CreateAsync(new HttpServiceStackRequest
        {
            StackName = "web",
            Parameters = new Dictionary<string, string> { [HttpServiceNames.ServicePassword] = "my secret phrase" },
        }));

        Assert.Contains("not a valid ServicePassword", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("my secret phrase", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_pair_for_a_template_without_SSH_is_refused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Service.CreateAsync(new HttpServiceStackRequest
        {
            StackName = "web",
            Template = new HttpServiceOptions { SshAccess = false },
            Parameters = new Dictionary<string, string> { [HttpServiceNames.SshKeyName] = "ops" },
        }));

        Assert.Contains("SshKeyName", error.Message, StringComparison.Ordinal);
        Assert.Empty(await Service.Lifecycle.ListAsync());
    }

    [Fact]
    public async Task StartCreate_returns_without_waiting_and_the_stack_can_be_watched()
    {
        var started = await Service.StartCreateAsync(new HttpServiceStackRequest { StackName = "web" });

        Assert.Equal("web", started.Name);
        Assert.Equal("CREATE_COMPLETE", (await Service.Lifecycle.WatchAsync("web")).Status);
    }

    [Fact]
    public async Task A_stack_StackKit_did_not_create_is_neither_updated_nor_deleted()
    {
        var template = Path.Combine(Path.GetTempPath(), $"foreign-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(template, """{"Parameters":{"Size":{"Type":"String","Default":"1"}},"Resources":{"Vpc":{"Type":"AWS::EC2::VPC","Properties":{"CidrBlock":"10.9.0.0/16"}}}}""");
        try
        {
            var (exitCode, _, stderr) = await Moto.RunAwsCliAsync("cloudformation", "create-stack", "--stack-name", "foreign", "--template-body", $"file://{template}");
            Assert.True(exitCode == 0, stderr);
        }
        finally
        {
            File.Delete(template);
        }

        var delete = await Assert.ThrowsAsync<StackNotManagedException>(() => Service.Lifecycle.DeleteAsync("foreign"));
        var update = await Assert.ThrowsAsync<StackNotManagedException>(() => Service.Lifecycle.UpdateAsync(
            new UpdateStackRequest { StackName = "foreign", Parameters = new Dictionary<string, string> { ["Size"] = "2" } }));

        Assert.Contains("'foreign' was not created by StackKit", delete.Message, StringComparison.Ordinal);
        Assert.Equal("foreign", update.StackName);
        var (_, stacks, _) = await Moto.RunAwsCliAsync("cloudformation", "describe-stacks", "--stack-name", "foreign");
        var stack = System.Text.Json.JsonDocument.Parse(stacks).RootElement.GetProperty("Stacks")[0];
        Assert.Equal("CREATE_COMPLETE", stack.GetProperty("StackStatus").GetString());
        Assert.Equal("1", stack.GetProperty("Parameters")[0].GetProperty("ParameterValue").GetString());
    }
}
