using System.Text.RegularExpressions;
using StackKit.TestSupport;
using StackKit.Tests.Templates;
using Xunit.Abstractions;

namespace StackKit.Tests.Image;

/// <summary>
/// <see cref="IHttpServiceStacks.PublishImageAsync"/> (Publish-HttpServiceImage's C# twin) on a project made by
/// <c>dotnet new stackkit-service</c> from the packed template, pushed to a loopback docker-registry on the stand-in
/// base, pulled and run by a real dockerd; and each way a publish fails, with the message a user reads.
/// </summary>
[Collection(PublishTests.Name)]
public sealed partial class PublishImageTests(ImagePublishing publishing, ITestOutputHelper output)
{
    [Fact]
    public async Task A_project_made_by_the_template_publishes_by_digest_and_its_endpoint_static_file_and_GET_root_answer()
    {
        var project = await NewServiceAsync("Shop");
        var lines = new List<string>();

        var image = await publishing.Stacks.PublishImageAsync(
            new ImagePublishRequest { ProjectPath = project, Repository = publishing.Registry + "/team/shop", BaseImage = publishing.StandInBase },
            new SynchronousProgress(lines));

        output.WriteLine($"{image.TaggedImage} -> {image.DockerImage} ({lines.Count} progress lines)");
        Assert.Matches(@"^0\.1\.0-[0-9a-f]{7,}$", image.Tag);   // committed tree: no -dirty, never latest
        Assert.Equal($"{publishing.Registry}/team/shop:{image.Tag}", image.TaggedImage);
        Assert.Matches($"^{Regex.Escape(publishing.Registry)}/team/shop@sha256:[0-9a-f]{{64}}$", image.DockerImage);
        Assert.Equal([ContainerPlatformsAmd64], image.Platforms);
        Assert.Contains(lines, line => line.Contains("Pushed", StringComparison.Ordinal) && line.Contains(image.Digest, StringComparison.Ordinal));

        await publishing.Docker.CheckedAsync("pull", "--quiet", image.DockerImage);
        var port = LoopbackPort.Free();
        var container = await publishing.Docker.CheckedAsync(
            "run", "--detach", "--network", "host", "--env", $"ASPNETCORE_URLS=http://127.0.0.1:{port}",
            "--env", "KeyInjection__Password=correct horse battery", "--env", "KeyInjection__SshDirectory=/tmp/.ssh", image.DockerImage);
        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
            Assert.Equal("Hi", await GetUntilAnsweredAsync(http, new Uri($"http://127.0.0.1:{port}/")));
            Assert.Equal("Hello, ada, from Shop.", await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/hello/ada")));
            Assert.Contains("Served by ASP.NET Core on StackKit.Server", await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/about.html")), StringComparison.Ordinal);
            Assert.Equal("1654", (await publishing.Docker.CheckedAsync("inspect", "--format", "{{.Config.User}}", container)).Trim());
        }
        finally
        {
            output.WriteLine((await publishing.Docker.RunAsync("logs", container)).Error);
            await publishing.Docker.RunAsync("rm", "--force", container);
        }
    }

    [Fact]
    public async Task The_stock_server_publishes_from_this_checkout_and_answers_Hi()
    {
        var image = await publishing.Stacks.PublishImageAsync(new ImagePublishRequest
        {
            ProjectPath = RepositoryFiles.PathOf("src", "StackKit.Server"), Repository = publishing.Registry + "/stackkit/http-service", BaseImage = publishing.StandInBase,
        });

        output.WriteLine($"{image.TaggedImage} -> {image.DockerImage}");
        Assert.Matches(@"^0\.1\.0-[0-9a-f]{7,}(-dirty\.[0-9]{8}T[0-9]{6}Z)?$", image.Tag);
        await publishing.Docker.CheckedAsync("pull", "--quiet", image.DockerImage);
        var port = LoopbackPort.Free();
        var container = await publishing.Docker.CheckedAsync(
            "run", "--detach", "--network", "host", "--env", $"ASPNETCORE_URLS=http://127.0.0.1:{port}",
            "--env", "KeyInjection__Password=correct horse battery", "--env", "KeyInjection__SshDirectory=/tmp/.ssh", image.DockerImage);
        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
            Assert.Equal("Hi", await GetUntilAnsweredAsync(http, new Uri($"http://127.0.0.1:{port}/")));
        }
        finally
        {
            output.WriteLine((await publishing.Docker.RunAsync("logs", container)).Error);
            await publishing.Docker.RunAsync("rm", "--force", container);
        }
    }

    [Fact]
    public async Task Uncommitted_changes_make_a_dirty_tag_of_its_own()
    {
        var project = await NewServiceAsync("Changed");
        await File.AppendAllTextAsync(Path.Combine(project, "Program.cs"), "// a change\n");

        var image = await publishing.Stacks.PublishImageAsync(
            new ImagePublishRequest { ProjectPath = project, Repository = publishing.Registry + "/team/changed", BaseImage = publishing.StandInBase });

        Assert.Matches(@"^0\.1\.0-[0-9a-f]{7,}-dirty\.[0-9]{8}T[0-9]{6}Z$", image.Tag);
    }

    [Fact]
    public async Task A_missing_project_is_named_before_anything_is_built()
    {
        var missing = Path.Combine(publishing.Folder, "no-such-project");

        var error = await Assert.ThrowsAsync<ImagePublishException>(() => publishing.Stacks.PublishImageAsync(
            new ImagePublishRequest { ProjectPath = missing, Repository = publishing.Registry + "/team/none" }));

        Assert.Equal(ImagePublishStage.Prepare, error.Stage);
        Assert.Contains($"Project '{missing}' does not exist", error.Message, StringComparison.Ordinal);
        Assert.Contains("dotnet new stackkit-service", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_project_that_does_not_build_is_refused_with_the_compilers_errors_and_nothing_is_pushed()
    {
        var project = await NewServiceAsync("Broken");
        await File.AppendAllTextAsync(Path.Combine(project, "Program.cs"), "this is not C#\n");
        await ImagePublishing.CommitAsync(project);

        var error = await Assert.ThrowsAsync<ImagePublishException>(() => publishing.Stacks.PublishImageAsync(
            new ImagePublishRequest { ProjectPath = project, Repository = publishing.Registry + "/team/broken", BaseImage = publishing.StandInBase }));

        Assert.Equal(ImagePublishStage.Build, error.Stage);
        Assert.StartsWith("Broken.csproj does not build; nothing was pushed or deployed.", error.Message, StringComparison.Ordinal);
        Assert.Matches(@"Program\.cs\(\d+,\d+\): error CS\d+", error.Message);
        Assert.False(await TagsExistAsync("team/broken"), "Nothing may reach the registry.");
    }

    [Fact]
    public async Task An_unreachable_registry_is_refused_before_the_build()
    {
        var project = await NewServiceAsync("Lonely");
        var closed = $"localhost:{LoopbackPort.Free()}";

        var error = await Assert.ThrowsAsync<ImagePublishException>(() => publishing.Stacks.PublishImageAsync(
            new ImagePublishRequest { ProjectPath = project, Repository = closed + "/team/lonely", BaseImage = publishing.StandInBase }));

        Assert.Equal(ImagePublishStage.Connect, error.Stage);
        Assert.Contains($"Registry {closed} cannot be reached at http://{closed}/v2/", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(project, "bin")), "The project was built although the registry cannot be reached.");
    }

    [Fact]
    public async Task A_push_the_registry_refuses_fails_with_the_sdks_reason()
    {
        var project = await NewServiceAsync("Refused");

        var error = await Assert.ThrowsAsync<ImagePublishException>(() => publishing.Stacks.PublishImageAsync(
            new ImagePublishRequest { ProjectPath = project, Repository = publishing.LockedRegistry + "/team/refused", BaseImage = publishing.StandInBase }));

        output.WriteLine(error.Message);
        Assert.Equal(ImagePublishStage.Push, error.Stage);
        Assert.StartsWith($"The image of Refused.csproj was built, but the push to {publishing.LockedRegistry}/team/refused failed; nothing was deployed.", error.Message, StringComparison.Ordinal);
        Assert.Contains("CONTAINER", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plain_HTTP_and_a_registry_less_name_are_refused_before_anything_runs()
    {
        var http = await Assert.ThrowsAsync<ArgumentException>(() => publishing.Stacks.PublishImageAsync(
            new ImagePublishRequest { ProjectPath = publishing.Folder, Repository = "http://registry.example.com/team/web" }));
        var bare = await Assert.ThrowsAsync<ArgumentException>(() => publishing.Stacks.PublishImageAsync(
            new ImagePublishRequest { ProjectPath = publishing.Folder, Repository = "team/web" }));

        Assert.Contains("plain HTTP only to one on this machine", http.Message, StringComparison.Ordinal);
        Assert.Contains("'team/web' names no registry", bare.Message, StringComparison.Ordinal);
    }

    // The base image is an MSBuild property: ';' would add another one and send the push (and its login) elsewhere.
    [Fact]
    public async Task A_base_image_that_would_set_another_build_property_is_refused_before_anything_runs()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => publishing.Stacks.PublishImageAsync(
            new ImagePublishRequest { ProjectPath = publishing.Folder, Repository = publishing.Registry + "/team/web", BaseImage = "mcr.microsoft.com/dotnet/runtime-deps:10.0;ContainerRegistry=evil.example" }));

        Assert.Contains("is not an image reference", error.Message, StringComparison.Ordinal);
    }

    private const string ContainerPlatformsAmd64 = "linux/amd64";

    // dotnet new from the packed template, installed into a DOTNET_CLI_HOME of the test's own, then committed.
    private async Task<string> NewServiceAsync(string name)
    {
        var home = Path.Combine(publishing.Folder, "cli-home-" + name);
        var environment = new Dictionary<string, string?> { ["DOTNET_CLI_HOME"] = home, ["DOTNET_NOLOGO"] = "1", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" };
        var template = Path.Combine(publishing.Feed, $"StackKit.Templates.{publishing.Version}.nupkg");
        var (installExit, installOutput) = await ImagePublishing.RunAsync(publishing.Folder, "dotnet", ["new", "install", template], environment);
        Assert.True(installExit == 0, $"dotnet new install failed:\n{installOutput}");
        var (newExit, newOutput) = await ImagePublishing.RunAsync(publishing.Folder, "dotnet", ["new", "stackkit-service", "-o", name], environment);
        Assert.True(newExit == 0, $"dotnet new stackkit-service failed:\n{newOutput}");
        var project = Path.Combine(publishing.Folder, name);
        Assert.Contains($"Include=\"StackKit.Server\" Version=\"{publishing.Version}\"", await File.ReadAllTextAsync(Path.Combine(project, name + ".csproj")), StringComparison.Ordinal);
        await ImagePublishing.CommitAsync(project);
        return project;
    }

    private async Task<bool> TagsExistAsync(string repository)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        using var answer = await http.GetAsync(new Uri($"http://{publishing.Registry}/v2/{repository}/tags/list"));
        return answer.IsSuccessStatusCode;
    }

    private static async Task<string> GetUntilAnsweredAsync(HttpClient http, Uri url)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                return await http.GetStringAsync(url);
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    private sealed class SynchronousProgress(List<string> lines) : IProgress<string>
    {
        public void Report(string value)
        {
            lock (lines)
            {
                lines.Add(value);
            }
        }
    }
}

/// <summary>The publish tests share one <see cref="ImagePublishing"/>, and run alone: they build and push.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PublishTests : ICollectionFixture<ImagePublishing>
{
    public const string Name = "image publishing";
}
