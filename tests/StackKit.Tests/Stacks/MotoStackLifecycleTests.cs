using Amazon.Runtime;
using StackKit.Aws;
using StackKit.Stacks;
using StackKit.Tests.FakeAws;
using StackKit.Tests.Moto;

namespace StackKit.Tests.Stacks;

/// <summary>The lifecycle against moto_server: real protocol, real CloudFormation semantics (moto completes at once).</summary>
[Collection(UsesMoto.Name)]
public sealed class MotoStackLifecycleTests(MotoServer moto) : IAsyncLifetime, IDisposable
{
    private static readonly string Template = File.ReadAllText(Path.Combine(SourceFolder(), "network-service.template.yaml"));

    private static readonly Dictionary<string, string> ServiceParameters = new()
    {
        ["AmiId"] = "ami-0abcdef1234567890",
        ["SshKeyName"] = "ops",
        ["DockerImage"] = "registry.example.test/web:1",
    };

    private readonly SteppingClock _clock = new();
    private AwsConnection? _aws;

    private AwsConnection Aws => _aws ?? throw new InvalidOperationException("Not initialized.");

    private StackLifecycle Lifecycle => new(Aws, _clock, new Random(11));

    public async Task InitializeAsync()
    {
        await moto.ResetAsync();
        _aws = AwsConnection.Create(
            new AwsClientOptions { Region = MotoServer.Region, EndpointUrl = moto.Endpoint, Credentials = new BasicAWSCredentials(MotoServer.AccessKey, MotoServer.SecretKey) },
            _clock);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _aws?.Dispose();

    private Task<HttpServiceStack> CreateAsync(string name, IProgress<StackProgress>? progress = null) =>
        _clock.RunAsync(Lifecycle.CreateAsync(new CreateStackRequest { StackName = name, TemplateBody = Template, Parameters = ServiceParameters }, progress));

    [Fact]
    public async Task ValidateTemplate_reads_the_template_description()
    {
        var validation = await Lifecycle.ValidateTemplateAsync(Template);

        Assert.StartsWith("StackKit test stack", validation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateTemplate_reports_a_bad_template_with_AWS_code()
    {
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => Lifecycle.ValidateTemplateAsync("""{"Resources": {"X": {"Type": "AWS::Nope::Thing"}}}"""));

        Assert.Equal("ValidationError", error.ErrorCode);
        Assert.Contains("AWS::Nope::Thing", error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_returns_the_stack_with_outputs_parameters_and_the_StackKit_tag()
    {
        var progress = new RecordingProgress<StackProgress>(_clock);

        var created = await CreateAsync("web-prod", progress);

        Assert.Equal("web-prod", created.Name);
        Assert.StartsWith("arn:aws:cloudformation:us-east-1:", created.StackId, StringComparison.Ordinal);
        Assert.Equal("CREATE_COMPLETE", created.Status.ToString());
        Assert.Matches("^http://vpc-[0-9a-f]+\\.example\\.test/$", created.Url?.OriginalString);
        Assert.Equal("registry.example.test/web:1", created.Outputs["Image"]);
        Assert.Equal(ServiceParameters, created.Parameters);
        Assert.Equal(StackKitTags.ManagedByValue, created.Tags[StackKitTags.ManagedBy]);
        Assert.InRange(created.CreationTime, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal(["CREATE_IN_PROGRESS", "CREATE_COMPLETE"], progress.Reports.Select(r => r.Value.Status.Value));
    }

    [Fact]
    public async Task Creating_an_existing_stack_surfaces_AWS_AlreadyExistsException()
    {
        await CreateAsync("web-prod");

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => CreateAsync("web-prod"));

        Assert.Equal("AlreadyExistsException", error.ErrorCode);
        Assert.Contains("web-prod", error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_and_list_find_the_stacks_StackKit_made_and_only_those()
    {
        await CreateAsync("web-prod");
        var (exitCode, _, stderr) = await moto.RunAwsCliAsync(
            "cloudformation", "create-stack", "--stack-name", "not-ours", "--template-body", Template, "--parameters",
            "ParameterKey=AmiId,ParameterValue=a", "ParameterKey=SshKeyName,ParameterValue=b", "ParameterKey=DockerImage,ParameterValue=c");
        Assert.True(exitCode == 0, stderr);

        var got = await Lifecycle.GetAsync("web-prod");
        var listed = await Lifecycle.ListAsync();

        Assert.Equal("CREATE_COMPLETE", got.Status.ToString());
        Assert.Matches("^http://vpc-", got.Url?.OriginalString);
        Assert.Null(got.Capacity);
        Assert.Equal(["web-prod"], listed.Select(s => s.Name));
    }

    [Fact]
    public async Task Get_reports_live_capacity_and_each_instance_behind_the_load_balancer()
    {
        var scaled = File.ReadAllText(Path.Combine(SourceFolder(), "scaled-service.template.yaml"));
        await _clock.RunAsync(Lifecycle.CreateAsync(new CreateStackRequest { StackName = "web-scaled", TemplateBody = scaled, Parameters = ServiceParameters }));

        var got = await Lifecycle.GetAsync("web-scaled");

        Assert.Matches("^http://web-scaled-LoadBalancer-.*\\.elb\\.amazonaws\\.com/$", got.Url?.OriginalString);
        var capacity = Assert.IsType<StackCapacity>(got.Capacity);
        Assert.StartsWith("web-scaled-Group-", capacity.AutoScalingGroupName, StringComparison.Ordinal);
        Assert.Equal((2, 1, 3), (capacity.DesiredCapacity, capacity.MinSize, capacity.MaxSize));
        Assert.Equal(2, capacity.Instances.Count);
        Assert.All(capacity.Instances, instance =>
        {
            Assert.StartsWith("i-", instance.InstanceId, StringComparison.Ordinal);
            Assert.Equal((InstanceLifecycleState.InService, InstanceHealthState.Healthy, (InstanceHealthState?)InstanceHealthState.Healthy), (instance.LifecycleState, instance.AutoScalingHealth, instance.LoadBalancerHealth));
        });
        var listed = Assert.Single(await Lifecycle.ListAsync()).Capacity;
        Assert.Equal(capacity.Instances, listed?.Instances);
    }

    [Fact]
    public async Task Update_changes_the_image_keeps_the_other_parameters_and_a_repeat_has_nothing_to_change()
    {
        await CreateAsync("web-prod");
        var change = new UpdateStackRequest { StackName = "web-prod", Parameters = new Dictionary<string, string> { ["DockerImage"] = "registry.example.test/web:2" } };

        var updated = await _clock.RunAsync(Lifecycle.UpdateAsync(change));
        var repeated = await _clock.RunAsync(Lifecycle.UpdateAsync(change));

        Assert.Equal(StackUpdateOutcome.Updated, updated.Outcome);
        Assert.Equal("UPDATE_COMPLETE", updated.Stack.Status.ToString());
        Assert.Equal("registry.example.test/web:2", updated.Stack.Parameters["DockerImage"]);
        Assert.Equal("ami-0abcdef1234567890", updated.Stack.Parameters["AmiId"]);
        Assert.Equal("ops", updated.Stack.Parameters["SshKeyName"]);
        Assert.Equal("registry.example.test/web:2", updated.Stack.Outputs["Image"]);
        Assert.Equal(StackUpdateOutcome.NothingToChange, repeated.Outcome);
        Assert.Equal("UPDATE_COMPLETE", repeated.Stack.Status.ToString());
    }

    [Fact]
    public async Task Delete_waits_for_DELETE_COMPLETE_and_the_stack_is_gone()
    {
        await CreateAsync("web-prod");

        var deleted = await _clock.RunAsync(Lifecycle.DeleteAsync("web-prod"));

        Assert.Equal(StackDeleteOutcome.Deleted, deleted.Outcome);
        await Assert.ThrowsAsync<StackNotFoundException>(() => Lifecycle.GetAsync("web-prod"));
    }

    [Fact]
    public async Task Unknown_stacks_get_clear_answers()
    {
        var get = await Assert.ThrowsAsync<StackNotFoundException>(() => Lifecycle.GetAsync("nosuch"));
        var update = await Assert.ThrowsAsync<StackNotFoundException>(() => Lifecycle.UpdateAsync(
            new UpdateStackRequest { StackName = "nosuch", Parameters = new Dictionary<string, string> { ["DockerImage"] = "x" } }));
        var watch = await Assert.ThrowsAsync<StackNotFoundException>(() => Lifecycle.WatchAsync("nosuch"));
        var delete = await Lifecycle.DeleteAsync("nosuch");

        Assert.Equal("No stack named 'nosuch' exists in us-east-1. Check the name and the region; listing the stacks shows the ones StackKit manages there.", get.Message);
        Assert.Equal("nosuch", update.StackName);
        Assert.Equal("nosuch", watch.StackName);
        Assert.Equal(new StackDeleteResult(StackDeleteOutcome.DidNotExist, "nosuch", null, "us-east-1"), delete);
    }

    // Copied beside the test assembly: source paths are not kept in a deterministic CI build.
    private static string SourceFolder() => Path.Combine(AppContext.BaseDirectory, "Stacks");
}
