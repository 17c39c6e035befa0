using System.Diagnostics;
using System.Net;
using Amazon.Runtime;
using StackKit.Images;
using StackKit.TestSupport;
using StackKit.Tests.Aws;

namespace StackKit.Tests.Image;

/// <summary>
/// The tools a publish runs have a time limit: a stand-in that sleeps is stopped at it, and the error names the step
/// and the limit. The publish test puts its stand-in dotnet first on PATH, so it runs alone.
/// </summary>
[Collection(ChangesEnvironment.Name)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ToolTimeoutTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("stackkit-timeout-");

    [Fact]
    public async Task A_step_that_hangs_is_killed_at_its_limit_and_named_in_the_error()
    {
        var step = new ToolStep("Reading the git commit of 'web' (git rev-parse)", ImagePublishStage.Prepare, TimeSpan.FromSeconds(1), "Check git.");
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<ImagePublishException>(() =>
            ToolRun.RunAsync(step, "/bin/sleep", ["300"], _folder.FullName, new Dictionary<string, string?>(), null, CancellationToken.None));

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(15));
        Assert.Equal(ImagePublishStage.Prepare, error.Stage);
        Assert.Equal("Reading the git commit of 'web' (git rev-parse) did not finish within 1 second and was stopped; nothing was deployed. Check git.", error.Message);
    }

    [Fact]
    public async Task A_step_within_its_limit_is_left_alone()
    {
        var step = new ToolStep("Echo", ImagePublishStage.Prepare, TimeSpan.FromSeconds(30), "");

        var (exitCode, lines) = await ToolRun.RunAsync(step, "/bin/echo", ["done"], _folder.FullName, new Dictionary<string, string?>(), null, CancellationToken.None);

        Assert.Equal(0, exitCode);
        Assert.Equal(["done"], lines);
    }

    [Fact]
    public async Task A_build_that_hangs_is_stopped_at_BuildTimeout_naming_the_step_and_the_limit()
    {
        var project = await CommittedProjectAsync();
        var bin = _folder.CreateSubdirectory("bin");
        var pidFile = Path.Combine(_folder.FullName, "publish.pid");
        // The stand-in SDK: it answers MSBuild's property query, and its publish sleeps as a hung build or push would.
        var dotnet = Path.Combine(bin.FullName, "dotnet");
        await File.WriteAllTextAsync(dotnet, $$$"""
            #!/bin/sh
            case "$1" in
              msbuild) echo '{"Properties":{"Version":"1.2.3","PublishAot":"false"}}' ;;
              publish) echo $$ > '{{{pidFile}}}'; echo 'Restoring...'; exec sleep 300 ;;
            esac
            """.Replace("\r", ""));
        File.SetUnixFileMode(dotnet, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var registry = AnsweringRegistry(out var port);
        var path = Environment.GetEnvironmentVariable("PATH");
        Environment.SetEnvironmentVariable("PATH", bin.FullName + Path.PathSeparator + path);
        try
        {
            using var aws = AwsConnection.Create(new AwsClientOptions { Region = "us-east-1", EndpointUrl = new Uri("http://127.0.0.1:9"), Credentials = new BasicAWSCredentials("a", "b") });
            var publisher = new ImagePublisher(aws, TimeProvider.System, (_, _) => throw new InvalidOperationException("No stack is read."));
            var clock = Stopwatch.StartNew();

            var error = await Assert.ThrowsAsync<ImagePublishException>(() => publisher.PublishAsync(
                new ImagePublishRequest { ProjectPath = project, Repository = $"127.0.0.1:{port}/web", BuildTimeout = TimeSpan.FromSeconds(2) }, null, null, CancellationToken.None));

            Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30));
            Assert.Equal(ImagePublishStage.Build, error.Stage);
            Assert.StartsWith("The build and push of web.csproj (dotnet publish) did not finish within 2 seconds and was stopped; nothing was deployed. If it needs longer, raise BuildTimeout", error.Message, StringComparison.Ordinal);
            var pid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.False(Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal), "The hung publish still runs.");
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", path);
        }
    }

    [Theory]
    [InlineData(0), InlineData(-1), InlineData(24 * 60 + 1)]
    public async Task A_BuildTimeout_out_of_range_is_refused_before_anything_runs(int minutes)
    {
        using var aws = AwsConnection.Create(new AwsClientOptions { Region = "us-east-1", EndpointUrl = new Uri("http://127.0.0.1:9"), Credentials = new BasicAWSCredentials("a", "b") });
        var publisher = new ImagePublisher(aws, TimeProvider.System, (_, _) => throw new InvalidOperationException("No stack is read."));

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => publisher.PublishAsync(
            new ImagePublishRequest { ProjectPath = _folder.FullName, Repository = "127.0.0.1:9/web", BuildTimeout = TimeSpan.FromMinutes(minutes) }, null, null, CancellationToken.None));

        Assert.StartsWith($"BuildTimeout {TimeSpan.FromMinutes(minutes)} is out of range: give the build and push more than 0 and at most 24 hours.", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private async Task<string> CommittedProjectAsync()
    {
        var project = _folder.CreateSubdirectory("web");
        await File.WriteAllTextAsync(Path.Combine(project.FullName, "web.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk.Web\" />\n");
        foreach (var arguments in new[] { "init -q", "add -A", "-c user.name=t -c user.email=t@example.test commit -q -m first" })
        {
            using var git = Process.Start(new ProcessStartInfo("git", arguments) { WorkingDirectory = project.FullName })!;
            await git.WaitForExitAsync();
            Assert.Equal(0, git.ExitCode);
        }
        return project.FullName;
    }

    // Any HTTP answer tells the publish the registry is there.
    private static HttpListener AnsweringRegistry(out int port)
    {
        port = LoopbackPort.Free();
        var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        _ = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                try
                {
                    var context = await listener.GetContextAsync();
                    context.Response.StatusCode = 200;
                    context.Response.Close();
                }
                catch (HttpListenerException)
                {
                    return;
                }
                catch (ObjectDisposedException)
                {
                    return;
                }
            }
        });
        return listener;
    }
}
