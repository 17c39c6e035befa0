using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using StackKit.HttpService;
using StackKit.Server.Tests.Support;
using StackKit.TestSupport;
using Xunit.Abstractions;

namespace StackKit.Tests.Image;

/// <summary>
/// The service image built both ways by scripts/build-image.sh (Native AOT; the SDK's container publishing, and
/// <c>docker build -f templates/Dockerfile</c>) on the stand-in bases, pulled by digest into a real dockerd and run
/// with the user data's own <c>docker run</c> flags.
/// The test's daemon makes no bridge (see <see cref="DockerDaemon"/>), so the one flag that needs one,
/// <c>--publish 80:8080</c>, becomes the host network with the server listening on a free port of 127.0.0.1 alone.
/// </summary>
[Collection(ImageTests.Name)]
public sealed partial class ServiceImageTests(BuiltImage image, ITestOutputHelper output)
{
    private const string ImageParameter = "ServiceImage";
    private const string InstanceHome = "/home/ec2-user";
    private const string SdkBuild = "SDK publishing";
    private const string DockerfileBuild = "Dockerfile";

    [Fact]
    public void The_build_names_its_base_and_ends_with_the_pushed_digest()
    {
        output.WriteLine($"Built on a stand-in base (the public base cannot be pulled here): {image.StandInBase} ({image.StandInNote})");

        Assert.Contains($"base: {image.StandInBase}", image.BuildOutput);
        Assert.Matches($"^{Regex.Escape(image.Registry)}/stackkit/http-service@sha256:[0-9a-f]{{64}}$", image.Reference);
    }

    [Fact]
    public void The_Dockerfile_build_names_its_bases_and_ends_with_the_pushed_digest()
    {
        output.WriteLine($"docker build -f templates/Dockerfile took {image.DockerfileBuildTime.TotalSeconds:F0} s (Native AOT compile and push included).");
        output.WriteLine($"Built in a stand-in SDK image (the public SDK image cannot be pulled here): {image.StandInSdk} ({image.StandInSdkNote})");
        output.WriteLine($"On the stand-in base {image.StandInBase}.");

        Assert.Contains($"base: {image.StandInBase}", image.DockerfileBuildOutput);
        Assert.Contains($"sdk: {image.StandInSdk}", image.DockerfileBuildOutput);
        Assert.Matches($"^{Regex.Escape(image.Registry)}/stackkit/http-service-dockerfile@sha256:[0-9a-f]{{64}}$", image.DockerfileReference);
    }

    [Fact]
    public async Task Both_builds_make_the_same_image_entry_point_user_port_and_files()
    {
        // The working directory as a path: the SDK writes "/app/", the Dockerfile "/app".
        const string Configuration = "{{json .Config.Entrypoint}} {{json .Config.Cmd}} {{.Config.User}} {{json .Config.ExposedPorts}} {{.Os}}/{{.Architecture}} {{.Config.WorkingDir}}";
        var published = (await image.Docker.CheckedAsync("image", "inspect", "--format", Configuration, image.Reference)).TrimEnd('/');
        var dockerfile = (await image.Docker.CheckedAsync("image", "inspect", "--format", Configuration, image.DockerfileReference)).TrimEnd('/');
        output.WriteLine($"SDK publishing: {published}\nDockerfile:     {dockerfile}");

        Assert.Equal(published, dockerfile);
        Assert.Equal(await PortSettingAsync(image.Reference), await PortSettingAsync(image.DockerfileReference));
        Assert.Equal(await AppFilesAsync(image.Reference), await AppFilesAsync(image.DockerfileReference));
    }

    [Theory]
    [InlineData(SdkBuild)]
    [InlineData(DockerfileBuild)]
    public async Task The_image_runs_with_the_user_datas_flags_and_answers_Hi_as_the_given_user(string build)
    {
        var reference = ImageOf(build);
        output.WriteLine($"Image {reference} ({build}), built on the stand-in base {image.StandInBase}.");
        var port = LoopbackPort.Free();
        var ssh = Directory.CreateDirectory(Path.Combine(image.Folder, $"home-{port}", ".ssh")).FullName;
        await ChangeOwnerAsync(ssh, 1000, 1000);
        var environmentFile = Path.Combine(image.Folder, $"service-{port}.env");
        await File.WriteAllTextAsync(environmentFile, "KeyInjection__Username=operator\nKeyInjection__Password=correct horse battery\n");

        var arguments = (await UserDataRunArgumentsAsync(uid: 1000, gid: 1000))
            .SelectMany(argument => argument switch
            {
                "/etc/stackkit/service.env" => [environmentFile],
                $"{InstanceHome}/.ssh:{InstanceHome}/.ssh" => [$"{ssh}:{InstanceHome}/.ssh"],
                "--publish" => ["--network", "host", "--env", $"ASPNETCORE_URLS=http://127.0.0.1:{port}"],
                "80:8080" => [],
                "${" + ImageParameter + "}" => [reference],
                _ => new[] { argument },
            })
            .ToArray();
        Assert.Contains("--restart", arguments);
        var container = await image.Docker.CheckedAsync(["run", .. arguments.Skip(1)]);
        try
        {
            var hi = await GetUntilAnsweredAsync(new Uri($"http://127.0.0.1:{port}/"));
            Assert.Equal("Hi", hi);
            Assert.Equal("1000", await ProcessUidAsync(container));

            // The native server's whole key path (JSON, validation, the store's locked durable write) in the image.
            var key = await File.ReadAllTextAsync(await Tool.GenerateKeyPairAsync(image.Folder, $"key-{port}") + ".pub");
            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
            using var post = new HttpRequestMessage(HttpMethod.Post, new Uri($"http://127.0.0.1:{port}/add_public_key"))
            {
                Content = new StringContent($$"""{"ssh_public_key": "{{Convert.ToBase64String(Encoding.UTF8.GetBytes(key))}}"}""", Encoding.UTF8, "application/json"),
            };
            post.Headers.Authorization = new("Basic", Convert.ToBase64String("operator:correct horse battery"u8));
            using var answer = await http.SendAsync(post);
            Assert.True(answer.IsSuccessStatusCode, $"{answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
            var authorizedKeys = Path.Combine(ssh, "authorized_keys");
            Assert.Contains(key.Trim(), await File.ReadAllTextAsync(authorizedKeys), StringComparison.Ordinal);
            var (_, ownerAndMode) = await Templates.ExternalTool.RunAsync("stat", "-c", "%u:%g %a", authorizedKeys);
            Assert.Equal("1000:1000 600", ownerAndMode.Trim());
        }
        finally
        {
            output.WriteLine((await image.Docker.RunAsync("logs", container)).Error);
            await image.Docker.RunAsync("rm", "--force", container);
        }
    }

    [Theory]
    [InlineData(SdkBuild)]
    [InlineData(DockerfileBuild)]
    public async Task The_image_runs_as_its_own_non_root_user(string build)
    {
        Assert.Equal("1654", await image.Docker.CheckedAsync("image", "inspect", "--format", "{{.Config.User}}", ImageOf(build)));

        var container = await image.Docker.CheckedAsync("run", "--detach", "--network", "none", ImageOf(build));
        try
        {
            Assert.Equal("1654", await ProcessUidAsync(container));
        }
        finally
        {
            await image.Docker.RunAsync("rm", "--force", container);
        }
    }

    [Theory]
    [InlineData(SdkBuild, "/bin/sh")]
    [InlineData(SdkBuild, "sh")]
    [InlineData(SdkBuild, "bash")]
    [InlineData(DockerfileBuild, "/bin/sh")]
    [InlineData(DockerfileBuild, "sh")]
    [InlineData(DockerfileBuild, "bash")]
    public async Task The_image_has_no_shell(string build, string shell)
    {
        var (exitCode, _, error) = await image.Docker.RunAsync("run", "--rm", "--network", "none", "--entrypoint", shell, ImageOf(build), "-c", "true");

        output.WriteLine(error);
        Assert.Equal(127, exitCode);
        Assert.Contains(shell, error, StringComparison.Ordinal);
    }

    private string ImageOf(string build) => build == DockerfileBuild ? image.DockerfileReference : image.Reference;

    /// <summary>The port the server listens on, as the image's environment sets it.</summary>
    private async Task<string> PortSettingAsync(string reference)
    {
        var environment = await image.Docker.CheckedAsync("image", "inspect", "--format", "{{range .Config.Env}}{{println .}}{{end}}", reference);
        return Assert.Single(environment.Split('\n'), line => line.StartsWith("ASPNETCORE_HTTP_PORTS=", StringComparison.Ordinal));
    }

    /// <summary>
    /// The files under /app, with their owners, read from the image's exported file system. Not their modes: the SDK
    /// marks every file it adds executable (appsettings.json too), the Dockerfile keeps the publish output's modes.
    /// </summary>
    private async Task<string[]> AppFilesAsync(string reference)
    {
        var container = await image.Docker.CheckedAsync("create", "--network", "none", reference);
        var exported = Path.Combine(image.Folder, $"export-{container[..12]}.tar");
        try
        {
            await image.Docker.CheckedAsync("export", "--output", exported, container);
            var files = new List<string>();
            await using var archive = new System.Formats.Tar.TarReader(File.OpenRead(exported));
            while (await archive.GetNextEntryAsync() is { } entry)
            {
                if (entry.Name.StartsWith("app/", StringComparison.Ordinal))
                {
                    files.Add($"{entry.Name.TrimEnd('/')} {entry.EntryType} {entry.Uid}:{entry.Gid}");
                }
            }
            return [.. files.Order(StringComparer.Ordinal)];
        }
        finally
        {
            await image.Docker.RunAsync("rm", "--force", container);
            File.Delete(exported);
        }
    }

    /// <summary>
    /// The arguments of the user data's <c>docker run</c>, exactly as its bash passes them on an instance where
    /// ec2-user has these ids (bash itself expands the rendered lines, with <c>docker</c> and <c>id</c> stood in).
    /// </summary>
    private static async Task<string[]> UserDataRunArgumentsAsync(int uid, int gid)
    {
        var userData = UserDataScript.For(ImageParameter, "Group", new HttpServiceOptions().ContainerPort, keyTableLogicalId: null);
        var run = DockerRunLines().Match(userData);
        Assert.True(run.Success, $"The user data has no docker run of the image:\n{userData}");
        var script = $$"""
            id() { case "$1" in -u) echo {{uid}} ;; -g) echo {{gid}} ;; esac; }
            docker() { printf '%s\0' "$@"; }
            home={{InstanceHome}}
            {{run.Value}}
            """;
        var start = new ProcessStartInfo("bash", ["-euc", script]) { RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var printed = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return printed.Split('\0', StringSplitOptions.RemoveEmptyEntries);
    }

    private async Task<string> ProcessUidAsync(string container)
    {
        var pid = await image.Docker.CheckedAsync("inspect", "--format", "{{.State.Pid}}", container);
        var status = await File.ReadAllLinesAsync($"/proc/{pid}/status");
        // Uid: real, effective, saved, file system: all must be the one given.
        var uids = status.Single(line => line.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1..];
        Assert.Single(uids.Distinct());
        return uids[0];
    }

    private static async Task<string> GetUntilAnsweredAsync(Uri uri)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                return await http.GetStringAsync(uri);
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    private static async Task ChangeOwnerAsync(string path, int uid, int gid)
    {
        var (exitCode, log) = await Templates.ExternalTool.RunAsync("chown", $"{uid}:{gid}", path);
        Assert.True(exitCode == 0, log);
        (exitCode, log) = await Templates.ExternalTool.RunAsync("chmod", "700", path);
        Assert.True(exitCode == 0, log);
    }

    [GeneratedRegex(@"^docker run .*?'\$\{" + ImageParameter + @"\}'$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex DockerRunLines();
}
