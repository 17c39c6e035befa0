using System.Diagnostics;
using Amazon.Runtime;
using StackKit.Tests.Preflight;
using StackKit.Tests.Templates;

namespace StackKit.Tests.Image;

/// <summary>
/// What the publish tests share: a loopback docker-registry with the stand-in base pushed to it
/// (scripts/standin-base.py: the public base cannot be pulled here), a second registry over the same storage that
/// demands a login nobody has, a dockerd of the tests' own, a feed of this checkout's StackKit.Keys, StackKit.Server
/// and StackKit.Templates packages at a version no earlier run used, and the facade (no AWS is called when a
/// repository is named).
/// </summary>
public sealed class ImagePublishing : IAsyncLifetime
{
    private DirectoryInfo? _folder;
    private LocalRegistry? _registry;
    private LocalRegistry? _lockedRegistry;
    private DockerDaemon? _docker;
    private AwsConnection? _aws;

    /// <summary>localhost:PORT of the open registry.</summary>
    public string Registry { get; private set; } = string.Empty;

    /// <summary>localhost:PORT of the registry that refuses every push (htpasswd with no users).</summary>
    public string LockedRegistry { get; private set; } = string.Empty;

    public string StandInBase { get; private set; } = string.Empty;

    /// <summary>The packed packages' version (0.1.0-test...).</summary>
    public string Version { get; private set; } = string.Empty;

    public string Feed => Path.Combine(Folder, "feed");

    public string Folder => _folder?.FullName ?? throw new InvalidOperationException("The publish fixture did not start.");

    public DockerDaemon Docker => _docker ?? throw new InvalidOperationException("The publish fixture did not start.");

    public IHttpServiceStacks Stacks { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _folder = Directory.CreateTempSubdirectory("stackkit-publish-");
        var storage = Path.Combine(_folder.FullName, "registry");
        _registry = await LocalRegistry.StartAsync(_folder, storage);
        Registry = "localhost:" + _registry.Address.Split(':')[1];
        var htpasswd = Path.Combine(_folder.FullName, "htpasswd");
        await File.WriteAllTextAsync(htpasswd, string.Empty);
        _lockedRegistry = await LocalRegistry.StartAsync(_folder, storage, $"""
            auth:
              htpasswd:
                realm: stackkit-test
                path: {htpasswd}
            """);
        LockedRegistry = "localhost:" + _lockedRegistry.Address.Split(':')[1];

        var (standInExit, standIn) = await RunAsync(Folder, "python3", RepositoryFiles.PathOf("scripts", "standin-base.py"), Registry);
        Assert.True(standInExit == 0, $"standin-base.py failed:\n{standIn}");
        StandInBase = standIn.Split('\n', StringSplitOptions.TrimEntries).Single(line => line.StartsWith(Registry + "/", StringComparison.Ordinal));

        // Projects here restore offline, without NuGet's audit (the tests' loopback-only proxy): from the feed and the
        // machine's package cache, read as a local feed.
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } packages
            ? packages
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        await File.WriteAllTextAsync(Path.Combine(Folder, "nuget.config"), $"""
            <configuration><packageSources><clear /><add key="feed" value="{Feed}" /><add key="cache" value="{cache}" /></packageSources></configuration>
            """);
        await File.WriteAllTextAsync(Path.Combine(Folder, "Directory.Build.props"), "<Project><PropertyGroup><NuGetAudit>false</NuGetAudit></PropertyGroup></Project>");

        var suffix = "test" + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
        Version = "0.1.0-" + suffix;
        foreach (var project in new[] { "StackKit.Keys", "StackKit.Server", "StackKit.Templates" })
        {
            var (packExit, packOutput) = await RunAsync(Folder, "dotnet", "pack", RepositoryFiles.PathOf("src", project), "-c", "Release", "-o", Feed,
                "--version-suffix", suffix, "-nologo", "-p:NuGetAudit=false");
            Assert.True(packExit == 0, $"dotnet pack {project} failed:\n{packOutput}");
        }

        _docker = await DockerDaemon.StartAsync(Path.Combine(Folder, "docker"));
        _aws = AwsConnection.Create(new AwsClientOptions { Region = "eu-west-1", Credentials = new BasicAWSCredentials("AKIDFAKE", "fake-secret") });
        Stacks = new HttpServiceStacks(_aws);
    }

    /// <summary>A git repository with one commit of <paramref name="folder"/>'s files, as a user's project is.</summary>
    public static async Task CommitAsync(string folder)
    {
        foreach (var arguments in new[]
        {
            new[] { "init", "--quiet" }, ["add", "-A"],
            ["-c", "user.name=StackKit Tests", "-c", "user.email=tests@example.com", "commit", "--quiet", "-m", "First version"],
        })
        {
            var (exit, output) = await RunAsync(folder, "git", arguments);
            Assert.True(exit == 0, $"git {string.Join(' ', arguments)} failed:\n{output}");
        }
    }

    /// <summary>Runs a tool in <paramref name="folder"/>; <paramref name="environment"/> adds or (null) removes variables.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string folder, string fileName, string[] arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = folder };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} took over 10 minutes.");
        }
        return (process.ExitCode, (await output) + (await error));
    }

    private static Task<(int ExitCode, string Output)> RunAsync(string folder, string fileName, params string[] arguments) => RunAsync(folder, fileName, arguments, null);

    public async Task DisposeAsync()
    {
        _aws?.Dispose();
        if (_docker is not null)
        {
            await _docker.DisposeAsync();
        }
        if (_lockedRegistry is not null)
        {
            await _lockedRegistry.DisposeAsync();
        }
        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }
        _folder?.Delete(recursive: true);
    }
}
