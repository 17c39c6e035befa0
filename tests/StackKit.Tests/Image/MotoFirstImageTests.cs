using System.Net;
using StackKit.HttpService;
using StackKit.Tests.Moto;
using StackKit.Tests.Preflight;
using StackKit.Tests.Templates;
using StackKit.TestSupport;
using Xunit.Abstractions;

namespace StackKit.Tests.Image;

/// <summary>
/// A first deploy whose default image is not published (HttpServiceStackRequest.BuildImage) on moto: the default image
/// is made to live on a loopback docker-registry that does not have it (moto has no registry, and the tests reach no
/// other host), the stock server is built from this checkout on the stand-in base and pushed to that registry in
/// place of the stack's own ECR repository. What a user sees: the steps in order, the repository before any server,
/// the stack running the pushed digest; a failed push leaving the repository alone, and saying so; a registry that
/// does not answer changing nothing.
/// </summary>
[Collection(UsesMoto.Name)]
public sealed class MotoFirstImageTests(MotoServer moto, ITestOutputHelper output) : IAsyncLifetime, IDisposable
{
    private const string Version = "0.1.0";

    private readonly List<PreflightWarning> _warnings = [];
    private DirectoryInfo? _folder;
    private LocalRegistry? _registry;
    private PreflightOnMoto? _moto;

    private PreflightOnMoto Moto => _moto!;

    /// <summary>localhost:PORT of the empty registry the default image is looked up in.</summary>
    private string Registry => "localhost:" + _registry!.Address.Split(':')[1];

    public async Task InitializeAsync()
    {
        await moto.ResetAsync();
        _moto = new PreflightOnMoto(moto);
        _folder = Directory.CreateTempSubdirectory("stackkit-first-image-");
        _registry = await LocalRegistry.StartAsync(_folder, Path.Combine(_folder.FullName, "registry"));
    }

    [Fact]
    public async Task A_missing_default_image_is_built_into_a_repository_that_exists_before_any_server_and_the_stack_runs_its_digest()
    {
        var (standInExit, standIn) = await ImagePublishing.RunAsync(_folder!.FullName, "python3", [RepositoryFiles.PathOf("scripts", "standin-base.py"), Registry]);
        Assert.True(standInExit == 0, $"standin-base.py failed:\n{standIn}");
        var baseImage = standIn.Split('\n', StringSplitOptions.TrimEntries).Single(line => line.StartsWith(Registry + "/", StringComparison.Ordinal));
        var seen = new List<string>();

        var stack = await Moto.Service.CreateAsync(Request(DefaultImageOn(Registry), new ImagePublishRequest
        {
            ProjectPath = RepositoryFiles.PathOf("src", "StackKit.Server"),
            Repository = Registry + "/stackkit/http-service",
            BaseImage = baseImage,
        }, seen), new Recorder<StackProgress, string>(seen, step => $"event {step.LogicalResourceId} {step.Status}"));

        output.WriteLine(string.Join('\n', seen));
        Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(Registry)}/stackkit/http-service@sha256:[0-9a-f]{{64}}$", stack.DockerImage);
        Assert.Equal("UPDATE_COMPLETE", stack.Status.Value);
        Assert.StartsWith("123456789012.dkr.ecr.us-east-1.amazonaws.com/stackkit/", stack.Outputs[HttpServiceNames.ImageRepositoryUriOutput], StringComparison.Ordinal);
        // The steps in order: the stack (its repository alone) is complete before the build starts, and the service
        // (its servers) comes with the update after the push. moto reports the stack's own events only.
        int Index(string prefix) => seen.FindIndex(line => line.StartsWith(prefix, StringComparison.Ordinal));
        var (first, second, third) = (Index("Step 1 of 3: creating stack web with only its own image repository"), Index("Step 2 of 3: building "), Index("Step 3 of 3: updating stack web to the full service, running " + stack.DockerImage));
        Assert.True(first >= 0 && first < second && second < third, "The steps are not reported in order.");
        Assert.InRange(Index("event web CREATE_COMPLETE"), first, second);
        Assert.InRange(Index("event web UPDATE_COMPLETE"), third, seen.Count);
        var repository = Assert.Single((await Moto.AwsAsync("ecr", "describe-repositories")).GetProperty("repositories").EnumerateArray());
        Assert.Equal(stack.Outputs[HttpServiceNames.ImageRepositoryUriOutput], repository.GetProperty("repositoryUri").GetString());
        Assert.Single((await Moto.AwsAsync("autoscaling", "describe-auto-scaling-groups")).GetProperty("AutoScalingGroups").EnumerateArray());
        Assert.Contains(seen.Skip(second).Take(third - second), line => line.StartsWith("Pushed " + stack.DockerImage, StringComparison.Ordinal));
        // The registry has the image by that digest, and the stack's history starts with it.
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        using var head = new HttpRequestMessage(HttpMethod.Head, new Uri($"http://{Registry}/v2/stackkit/http-service/manifests/{stack.DockerImage.Split('@')[1]}"));
        head.Headers.Accept.ParseAdd("application/vnd.oci.image.manifest.v1+json");
        head.Headers.Accept.ParseAdd("application/vnd.oci.image.index.v1+json");
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(head)).StatusCode);
        Assert.Equal(stack.DockerImage, Assert.Single(await Moto.Service.ListDeploymentsAsync("web")).Image);
    }

    [Fact]
    public async Task A_failed_push_leaves_the_stack_with_its_empty_repository_alone_and_says_how_to_remove_it()
    {
        var closed = "127.0.0.1:" + LoopbackPort.Free();
        var seen = new List<string>();

        var error = await Assert.ThrowsAsync<StackException>(() => Moto.Service.CreateAsync(
            Request(DefaultImageOn(Registry), new ImagePublishRequest { ProjectPath = RepositoryFiles.PathOf("src", "StackKit.Server"), Repository = closed + "/stackkit/http-service" }, seen)));

        var failed = Assert.IsType<ImagePublishException>(error.InnerException);
        Assert.Equal(ImagePublishStage.Connect, failed.Stage);
        Assert.Equal("web", error.StackName);
        var repository = (await Moto.StackAsync("web")).GetProperty("Outputs").EnumerateArray().Single().GetProperty("OutputValue").GetString()!;
        Assert.EndsWith(
            $"Stack 'web' holds only its own image repository ({repository}), with no image in it and no server: step 2 of 3 failed, so step 3 (the service itself) never ran. " +
            "To try again, remove the stack (Remove-HttpServiceStack web; C#: DeleteAsync) and create it again. Its repository stays, as a stack's repository always does; " +
            $"delete it while it is empty with: aws ecr delete-repository --repository-name {repository.Split('/', 2)[1]} --region us-east-1",
            error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"Registry {closed} cannot be reached", error.Message, StringComparison.Ordinal);
        var resources = (await Moto.AwsAsync("cloudformation", "describe-stack-resources", "--stack-name", "web")).GetProperty("StackResources").EnumerateArray();
        Assert.Equal(["ImageRepository"], resources.Select(r => r.GetProperty("LogicalResourceId").GetString()));
        Assert.Empty((await Moto.AwsAsync("autoscaling", "describe-auto-scaling-groups")).GetProperty("AutoScalingGroups").EnumerateArray());
        Assert.Empty((await Moto.AwsAsync("ec2", "describe-instances")).GetProperty("Reservations").EnumerateArray());
        Assert.DoesNotContain(seen, line => line.StartsWith("Step 3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_default_image_registry_that_does_not_answer_only_warns_and_the_default_image_is_deployed_as_before()
    {
        var unanswered = DefaultImageOn("127.0.0.1:" + LoopbackPort.Free());
        var seen = new List<string>();

        var stack = await Moto.Service.CreateAsync(Request(unanswered, new ImagePublishRequest { ProjectPath = RepositoryFiles.PathOf("src", "StackKit.Server") }, seen));

        Assert.Equal(unanswered.DefaultDockerImage, stack.DockerImage);
        Assert.Equal("CREATE_COMPLETE", stack.Status.Value);
        Assert.Empty(seen);
        Assert.False(stack.Outputs.ContainsKey(HttpServiceNames.ImageRepositoryUriOutput));
        Assert.Contains(_warnings, warning => warning.Message.StartsWith($"Could not check Docker image '{unanswered.DefaultDockerImage}':", StringComparison.Ordinal)
            && warning.Message.EndsWith("The deploy goes on; if the instances cannot pull it, the stack fails.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_BuildImage_a_missing_default_image_is_refused_saying_how_to_build_it_and_nothing_is_created()
    {
        var options = DefaultImageOn(Registry);

        var error = await Assert.ThrowsAsync<PreflightException>(() => Moto.Service.CreateAsync(Request(options, build: null, [])));

        Assert.True(error.DefaultImageMissing);
        Assert.Equal(PreflightCheck.DockerImage, error.Check);
        Assert.Equal(
            $"Docker image '{options.DefaultDockerImage}', the default one, cannot be pulled: localhost has no stackkit/http-service tag '{Version}'. Until it is pushed, " +
            "build the stock server from this checkout into a private ECR repository the stack owns and deploy that: New-HttpServiceStack -BuildImage " +
            "(C#: HttpServiceStackRequest.BuildImage; it needs the .NET SDK, no Docker). Or pass your own image (-DockerImage).",
            error.Message);
        Assert.Empty(await Moto.StackNamesAsync());
    }

    [Fact]
    public async Task BuildImage_with_an_image_of_one_s_own_or_without_the_key_store_s_role_is_refused_before_any_call()
    {
        var build = new ImagePublishRequest { ProjectPath = RepositoryFiles.PathOf("src", "StackKit.Server") };

        var named = await Assert.ThrowsAsync<ArgumentException>(() => Moto.Service.CreateAsync(new HttpServiceStackRequest { StackName = "web", DockerImage = "registry.example.com/web:1", BuildImage = build }));
        var noRole = await Assert.ThrowsAsync<ArgumentException>(() => Moto.Service.CreateAsync(new HttpServiceStackRequest { StackName = "web", Template = new HttpServiceOptions { FleetKeyStore = false }, BuildImage = build }));
        var noWait = await Assert.ThrowsAsync<ArgumentException>(() => Moto.Service.StartCreateAsync(new HttpServiceStackRequest { StackName = "web", BuildImage = build }));

        Assert.StartsWith("BuildImage builds the stock server in place of the default image, and DockerImage names another image: leave out one of them.", named.Message, StringComparison.Ordinal);
        Assert.StartsWith("BuildImage pushes the image to the stack's own ECR repository, which the servers pull from with the fleet key store's instance role", noRole.Message, StringComparison.Ordinal);
        Assert.StartsWith("BuildImage builds the image between two changes of the stack, which needs the wait of CreateAsync", noWait.Message, StringComparison.Ordinal);
        Assert.Empty(await Moto.StackNamesAsync());
    }

    public void Dispose() => _moto?.Dispose();

    public async Task DisposeAsync()
    {
        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }
        _folder?.Delete(recursive: true);
    }

    /// <summary>The template's default image on <paramref name="registry"/>, which does not have it.</summary>
    private static HttpServiceOptions DefaultImageOn(string registry) => new() { DefaultDockerImage = $"{registry}/stackkit/http-service:{Version}" };

    private HttpServiceStackRequest Request(HttpServiceOptions options, ImagePublishRequest? build, List<string> seen) => new()
    {
        StackName = "web",
        Template = options,
        ServiceCredential = new NetworkCredential("ops", "First-Image-Passw0rd!"),
        BuildImage = build,
        BuildProgress = new Recorder<string, string>(seen, line => line),
        Warnings = new Recorder<PreflightWarning, PreflightWarning>(_warnings, warning => warning),
    };

    /// <summary>Records in the order reported, on the reporting thread (<see cref="Progress{T}"/> would post to the pool).</summary>
    private sealed class Recorder<T, TSeen>(List<TSeen> seen, Func<T, TSeen> record) : IProgress<T>
    {
        public void Report(T value)
        {
            lock (seen)
            {
                seen.Add(record(value));
            }
        }
    }
}
