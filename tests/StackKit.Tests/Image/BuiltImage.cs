using System.Diagnostics;
using StackKit.Tests.Preflight;
using StackKit.Tests.Templates;

namespace StackKit.Tests.Image;

/// <summary>
/// The service image as a user builds it, once for the image tests: a loopback docker-registry, the stand-in base
/// pushed to it (scripts/standin-base.py: the public base cannot be pulled here), scripts/build-image.sh pushing the
/// Native AOT image there, and a dockerd of the tests' own that has pulled it by digest.
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

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string fileName, params string[] arguments)
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
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        // The Native AOT compile takes a minute or two on a quiet machine; more when it is shared.
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
