using System.Diagnostics;
using StackKit.Tests.Preflight;
using StackKit.Tests.Templates;

namespace StackKit.Tests.Image;

/// <summary>
/// The service image as a user builds it, both ways, once for the image tests: a loopback docker-registry, the
/// stand-in base pushed to it (scripts/standin-base.py: the public base cannot be pulled here), scripts/build-image.sh
/// pushing the Native AOT image there with the SDK's container publishing, a dockerd of the tests' own that has pulled
/// it by digest, and in that daemon `build-image.sh --dockerfile`: a real `docker build -f templates/Dockerfile` on a
/// stand-in SDK image (scripts/standin-sdk.sh, from this machine's SDK), pushed to the registry and pulled back.
/// </summary>
public sealed class BuiltImage : IAsyncLifetime
{
    private DirectoryInfo? _folder;
    private LocalRegistry? _registry;
    private DockerDaemon? _docker;

    /// <summary>The registry as image references name it: localhost:PORT, which the SDK and Docker speak plain HTTP to.</summary>
    public string Registry { get; private set; } = string.Empty;

    /// <summary>The registry's storage folder: another registry over it serves the same images (the first-boot rehearsal's).</summary>
    public string RegistryStorage => Path.Combine(Folder, "registry");

    /// <summary>The stand-in base the image was built on, as standin-base.py pushed it.</summary>
    public string StandInBase { get; private set; } = string.Empty;

    /// <summary>Whether the stand-in's layer came from the machine's cache (standin-base.py says so).</summary>
    public string StandInNote { get; private set; } = string.Empty;

    /// <summary>What build-image.sh printed on standard output, line by line.</summary>
    public IReadOnlyList<string> BuildOutput { get; private set; } = [];

    /// <summary>The pushed image, as build-image.sh's last line names it: localhost:PORT/REPOSITORY@sha256:...</summary>
    public string Reference => BuildOutput[^1];

    /// <summary>The stand-in for the Dockerfile's SDK image, loaded into <see cref="Docker"/> by standin-sdk.sh.</summary>
    public string StandInSdk { get; private set; } = string.Empty;

    /// <summary>Whether the stand-in SDK image's file system came from the machine's cache (standin-sdk.sh says so).</summary>
    public string StandInSdkNote { get; private set; } = string.Empty;

    /// <summary>What <c>build-image.sh --dockerfile</c> printed on standard output, line by line.</summary>
    public IReadOnlyList<string> DockerfileBuildOutput { get; private set; } = [];

    /// <summary>How long <c>build-image.sh --dockerfile</c> took (docker build, Native AOT compile included, and push).</summary>
    public TimeSpan DockerfileBuildTime { get; private set; }

    /// <summary>The image <c>docker build -f templates/Dockerfile</c> made, pushed and pulled back by digest.</summary>
    public string DockerfileReference => DockerfileBuildOutput[^1];

    /// <summary>The test's own Docker daemon, which has pulled <see cref="Reference"/>.</summary>
    public DockerDaemon Docker => _docker ?? throw new InvalidOperationException("The image fixture did not start.");

    /// <summary>A folder of the fixture's own for the tests' files.</summary>
    public string Folder => _folder?.FullName ?? throw new InvalidOperationException("The image fixture did not start.");

    public async Task InitializeAsync()
    {
        // Under /tmp: dockerd's sockets live here, and a unix socket path has at most 107 bytes.
        _folder = Directory.CreateTempSubdirectory("stackkit-image-");
        _registry = await LocalRegistry.StartAsync(_folder, RegistryStorage);
        Registry = "localhost:" + _registry.Address.Split(':')[1];

        var (standInExit, standInOutput, standInError) = await RunAsync("python3", RepositoryFiles.PathOf("scripts", "standin-base.py"), Registry);
        Assert.True(standInExit == 0, $"standin-base.py failed:\n{standInError}\n{standInOutput}");
        StandInBase = standInOutput.Trim();
        StandInNote = standInError.Trim();

        // No vulnerability audit: the tests' loopback-only proxy keeps NuGet from the audit data, and a missing audit
        // is an error under warnings-as-errors. The packages themselves come from the machine's cache.
        var (buildExit, buildOutput, buildError) = await RunAsync(
            "bash", RepositoryFiles.PathOf("scripts", "build-image.sh"), "--base", StandInBase, Registry + "/stackkit/http-service:test", "--", "-p:NuGetAudit=false");
        Assert.True(buildExit == 0, $"build-image.sh failed:\n{buildError}\n{buildOutput}");
        BuildOutput = buildOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        _docker = await DockerDaemon.StartAsync(Path.Combine(_folder.FullName, "docker"));
        await _docker.CheckedAsync("pull", "--quiet", Reference);

        // The Dockerfile's build in the same daemon. Both bases are named, so nothing asks a public registry: the
        // stand-in SDK carries the server's packages, and the build runs without a network (the daemon has no bridge).
        var daemon = new Dictionary<string, string> { ["DOCKER_HOST"] = _docker.Host, ["DOCKER_CONFIG"] = Path.Combine(_folder.FullName, "docker", "client") };
        var (sdkExit, sdkOutput, sdkError) = await RunAsync(daemon, "bash", RepositoryFiles.PathOf("scripts", "standin-sdk.sh"));
        Assert.True(sdkExit == 0, $"standin-sdk.sh failed:\n{sdkError}\n{sdkOutput}");
        StandInSdk = sdkOutput.Trim();
        StandInSdkNote = sdkError.Trim();
        var clock = Stopwatch.StartNew();
        var (dockerfileExit, dockerfileOutput, dockerfileError) = await RunAsync(
            daemon, "bash", RepositoryFiles.PathOf("scripts", "build-image.sh"), "--dockerfile", "--sdk", StandInSdk, "--base", StandInBase,
            Registry + "/stackkit/http-service-dockerfile:test", "--", "--network", "none");
        DockerfileBuildTime = clock.Elapsed;
        Assert.True(dockerfileExit == 0, $"build-image.sh --dockerfile failed:\n{dockerfileError}\n{dockerfileOutput}");
        DockerfileBuildOutput = dockerfileOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // Pulled back by digest, as an instance would: the tag the build left in the daemon is removed first.
        await _docker.CheckedAsync("image", "rm", Registry + "/stackkit/http-service-dockerfile:test");
        await _docker.CheckedAsync("pull", "--quiet", DockerfileReference);
    }

    public async Task DisposeAsync()
    {
        if (_docker is not null)
        {
            await _docker.DisposeAsync();
        }
        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }
        _folder?.Delete(recursive: true);
    }

    private static Task<(int ExitCode, string Output, string Error)> RunAsync(string fileName, params string[] arguments) =>
        RunAsync(new Dictionary<string, string>(), fileName, arguments);

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(IReadOnlyDictionary<string, string> environment, string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        // The Native AOT compile takes a minute or two on a quiet machine; more when it is shared (and, the first time,
        // making the stand-in SDK image's file system).
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} took over 15 minutes.");
        }
        return (process.ExitCode, await output, await error);
    }
}

/// <summary>
/// The tests that share one <see cref="BuiltImage"/>; alone, after the others, so the Native AOT compile does not
/// starve their timings of CPU.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ImageTests : ICollectionFixture<BuiltImage>
{
    public const string Name = "service image";
}
