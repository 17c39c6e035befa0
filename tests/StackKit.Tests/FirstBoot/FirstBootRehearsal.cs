using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using StackKit.Tests.Templates;

namespace StackKit.Tests.FirstBoot;

/// <summary>
/// Boots a stand-in Amazon Linux 2023 instance on this machine: the rendered user data runs as root in private mount,
/// network and pid namespaces (StandIns/rehearse.sh), with no-op dnf and systemctl, a cfn-signal that records its
/// calls, ec2-user in a copy of /etc, its home with the key pair's line, and a docker that runs the published
/// StackKit.Server as the image would (StandIns/docker.py). With a <see cref="KeyTableStandIn"/>, the instance's AWS
/// is a moto_server in the namespace holding the stack's key table (StandIns/key-table.sh). Needs root, as CI has.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static partial class FirstBootRehearsal
{
    public const string KeyPairLine = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHd9wq2vZ5mJ1b0u4p2S8xZ3rYqk1m0bq3lS7c0a9dQe my-key-pair";

    private static readonly Lazy<Task<string>> Published = new(PublishServerAsync);

    /// <summary>
    /// Runs one boot. <paramref name="pullableImages"/> are the references the stand-in registry serves;
    /// <paramref name="keyTable"/>, when the template has one, the fleet's key table the instance's AWS holds.
    /// </summary>
    public static async Task<RehearsalResult> RunAsync(
        string userData, IReadOnlyList<string> pullableImages, string stackCredentials, string keyToPost, KeyTableStandIn? keyTable = null, string? signalRefusal = null)
    {
        Assert.True(Environment.UserName == "root", "The first-boot rehearsal needs root for its namespaces and mounts (CI runs as root).");
        var app = await Published.Value;
        var state = Directory.CreateTempSubdirectory("stackkit-first-boot-").FullName;
        try
        {
            File.SetUnixFileMode(state, ReadableDirectory);
            var (uid, gid) = await PrepareAsync(state, app, userData, pullableImages, stackCredentials, keyToPost);
            if (keyTable is not null)
            {
                PrepareKeyTable(state, keyTable, keyToPost);
            }
            if (signalRefusal is not null)
            {
                File.WriteAllText(Path.Combine(state, "cfn-signal-refusal"), signalRefusal + "\n");
            }
            var clock = Stopwatch.StartNew();
            var (exitCode, output) = await ExternalTool.RunAsync(
                "unshare", "--mount", "--net", "--pid", "--fork", "--mount-proc", "--propagation", "private",
                "bash", Path.Combine(state, "stand-ins", "rehearse.sh"), state).WaitAsync(TimeSpan.FromMinutes(4));
            var elapsed = clock.Elapsed;
            Assert.True(exitCode == 0, $"The rehearsal itself failed (exit {exitCode}):\n{output}");
            return new RehearsalResult(
                int.Parse(Read(state, "user-data.exit")!.Trim(), System.Globalization.CultureInfo.InvariantCulture),
                Read(state, "console") ?? "",
                Directory.GetFiles(state, "cfn-signal.*").Order(StringComparer.Ordinal).Select(f => (IReadOnlyList<string>)File.ReadAllLines(f)).ToList(),
                Read(state, "get"),
                Read(state, "post-stack-status"),
                Read(state, "post-default-status"),
                Read(state, "home", "ec2-user", ".ssh", "authorized_keys") ?? "",
                await OwnerAndModeAsync(Path.Combine(state, "home", "ec2-user", ".ssh", "authorized_keys")),
                $"{uid} 600",
                Read(state, "docker-calls") ?? "",
                Read(state, "containers", "http-service", "log") ?? "",
                new ServerView(Read(state, "server-uid")?.Trim(), Lines(Read(state, "server-home")), Lines(Read(state, "server-environment"))),
                Read(state, "key-table-items.json"),
                Read(state, "moto.log"),
                Read(state, "aws-calls") ?? "",
                elapsed);
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    private const UnixFileMode ReadableDirectory =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private static async Task<(int Uid, int Gid)> PrepareAsync(
        string state, string app, string userData, IReadOnlyList<string> pullableImages, string stackCredentials, string keyToPost)
    {
        var standIns = Path.Combine(state, "stand-ins");
        var bin = Path.Combine(state, "bin");
        Directory.CreateDirectory(standIns);
        Directory.CreateDirectory(bin);
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "FirstBoot", "StandIns")))
        {
            File.Copy(file, Path.Combine(standIns, Path.GetFileName(file)));
        }
        foreach (var tool in new[] { "dnf", "systemctl", "cfn-signal", "rehearse.sh", "key-table.sh", "aws" })
        {
            File.SetUnixFileMode(Path.Combine(standIns, tool), ReadableDirectory);
        }
        File.Copy(Path.Combine(standIns, "dnf"), Path.Combine(bin, "dnf"));
        File.Copy(Path.Combine(standIns, "systemctl"), Path.Combine(bin, "systemctl"));
        File.Copy(Path.Combine(standIns, "cloud-init"), Path.Combine(bin, "cloud-init"));
        File.Copy(Path.Combine(standIns, "aws"), Path.Combine(bin, "aws"));
        var python = (await ExternalTool.RunAsync("python3", "-c", "import sys; print(sys.executable)")).Output.Trim();
        File.WriteAllText(Path.Combine(bin, "docker"), $"#!/bin/bash\nexec '{python}' '{Path.Combine(standIns, "docker.py")}' \"$@\"\n");
        // Where moto_server and aws are (beside that python), for key-table.sh: by absolute path, not pyenv's shims.
        File.WriteAllText(Path.Combine(state, "python-bin"), Path.GetDirectoryName(python));
        foreach (var tool in Directory.GetFiles(bin))
        {
            File.SetUnixFileMode(tool, ReadableDirectory);
        }
        File.CreateSymbolicLink(Path.Combine(state, "app"), app);

        // ec2-user as the AMI has it, in a copy of /etc bound over the real one inside the namespace.
        var (copied, copyOutput) = await ExternalTool.RunAsync("cp", "-a", "/etc", Path.Combine(state, "etc"));
        Assert.True(copied == 0, copyOutput);
        var uid = FreeId(Path.Combine(state, "etc", "passwd"));
        var gid = FreeId(Path.Combine(state, "etc", "group"));
        File.AppendAllText(Path.Combine(state, "etc", "passwd"), $"ec2-user:x:{uid}:{gid}:EC2 Default User:/home/ec2-user:/bin/bash\n");
        File.AppendAllText(Path.Combine(state, "etc", "group"), $"ec2-user:x:{gid}:\n");

        // The key pair's line, written by cloud-init before the user data runs.
        var ssh = Path.Combine(state, "home", "ec2-user", ".ssh");
        Directory.CreateDirectory(ssh);
        File.WriteAllText(Path.Combine(ssh, "authorized_keys"), KeyPairLine + "\n");
        File.SetUnixFileMode(Path.Combine(ssh, "authorized_keys"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.SetUnixFileMode(ssh, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.SetUnixFileMode(Path.Combine(state, "home"), ReadableDirectory);
        var (owned, chownOutput) = await ExternalTool.RunAsync("chown", "-R", $"{uid}:{gid}", Path.Combine(state, "home", "ec2-user"));
        Assert.True(owned == 0, chownOutput);

        File.WriteAllLines(Path.Combine(state, "images"), pullableImages);
        File.WriteAllLines(Path.Combine(state, "image.env"), ImageEnvironment());
        File.WriteAllText(Path.Combine(state, "credentials-stack"), stackCredentials);
        File.WriteAllText(Path.Combine(state, "credentials-default"), "admin:secret");
        File.WriteAllText(
            Path.Combine(state, "post-body"),
            $"{{\"ssh_public_key\": \"{Convert.ToBase64String(Encoding.UTF8.GetBytes(keyToPost + "\n"))}\"}}");
        File.WriteAllText(Path.Combine(state, "user-data"), userData);
        return (uid, gid);
    }

    // The hooks rehearse.sh runs before the boot and after the POSTs, and what key-table.sh reads.
    private static void PrepareKeyTable(string state, KeyTableStandIn keyTable, string keyToPost)
    {
        File.WriteAllText(Path.Combine(state, "region"), keyTable.Region);
        File.WriteAllText(Path.Combine(state, "key-table-name"), keyTable.TableName);
        File.WriteAllText(Path.Combine(state, "key-table.json"), keyTable.CreateTableInput);
        File.WriteAllText(Path.Combine(state, "posted-key"), keyToPost + "\n");
        File.WriteAllText(Path.Combine(state, "before-boot"), "exec bash \"$1/stand-ins/key-table.sh\" start \"$1\"\n");
        File.WriteAllText(Path.Combine(state, "after-boot"), "exec bash \"$1/stand-ins/key-table.sh\" check \"$1\"\n");
    }

    /// <summary>
    /// The image's environment: what the aspnet base image sets, then templates/Dockerfile's own ENV lines, so the
    /// stand-in listens where the real image would.
    /// </summary>
    public static IReadOnlyList<string> ImageEnvironment()
    {
        var environment = new List<string>
        {
            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "DOTNET_RUNNING_IN_CONTAINER=true",
            "ASPNETCORE_HTTP_PORTS=8080",
        };
        var dockerfile = File.ReadAllText(RepositoryFiles.PathOf("templates", "Dockerfile")).Replace("\\\n", " ", StringComparison.Ordinal);
        foreach (Match line in DockerfileEnv().Matches(dockerfile))
        {
            foreach (var pair in line.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                environment.RemoveAll(e => e.StartsWith(pair[..(pair.IndexOf('=', StringComparison.Ordinal) + 1)], StringComparison.Ordinal));
                environment.Add(pair);
            }
        }
        return environment;
    }

    private static int FreeId(string file)
    {
        var used = File.ReadAllLines(file).Select(l => l.Split(':')).Where(f => f.Length > 2).Select(f => int.TryParse(f[2], out var id) ? id : -1).ToHashSet();
        return Enumerable.Range(1000, 50000).First(id => !used.Contains(id));
    }

    private static string? Read(params string[] path)
    {
        var file = Path.Combine(path);
        return File.Exists(file) ? File.ReadAllText(file) : null;
    }

    private static string[] Lines(string? text) => text?.Split('\n', StringSplitOptions.RemoveEmptyEntries) ?? [];

    private static async Task<string> OwnerAndModeAsync(string file)
    {
        var (_, output) = await ExternalTool.RunAsync("stat", "-c", "%u %a", file);
        return output.Trim();
    }

    private static async Task<string> PublishServerAsync()
    {
        // Beside the test binaries, readable by ec2-user (the temp folder's own directories are not), replaced each run.
        var output = Path.Combine(AppContext.BaseDirectory, "first-boot-server");
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }
        // With the JIT (PublishAot=false): the stand-in docker runs it on this machine, and a native compile would
        // add minutes to every run for nothing this rehearsal checks (the image tests run the Native AOT build). No
        // vulnerability audit: the tests' loopback-only proxy keeps NuGet from its data, an error under warnings-as-errors.
        var (exitCode, log) = await ExternalTool.RunAsync(
            "dotnet", "publish", RepositoryFiles.PathOf("src", "StackKit.Server", "StackKit.Server.csproj"), "-c", "Release", "-p:PublishAot=false", "-p:NuGetAudit=false", "-o", output, "-nologo", "-v", "quiet");
        Assert.True(exitCode == 0, $"dotnet publish of StackKit.Server failed:\n{log}");
        var (chmod, chmodLog) = await ExternalTool.RunAsync("chmod", "-R", "a+rX", output);
        Assert.True(chmod == 0, chmodLog);
        return output;
    }

    [GeneratedRegex(@"^ENV\s+(.+)$", RegexOptions.Multiline)]
    private static partial Regex DockerfileEnv();
}

/// <summary>
/// What a rehearsed boot left: the user data's exit code and console, cfn-signal's calls, the service's answers, the
/// key table's items (aws dynamodb scan's JSON) when the instance had one, the instance's own AWS CLI calls.
/// </summary>
internal sealed record RehearsalResult(
    int ExitCode,
    string Console,
    IReadOnlyList<IReadOnlyList<string>> Signals,
    string? Get,
    string? PostWithStackCredentials,
    string? PostWithDefaultCredentials,
    string AuthorizedKeys,
    string AuthorizedKeysOwnerAndMode,
    string ExpectedOwnerAndMode,
    string DockerCalls,
    string ContainerLog,
    ServerView Server,
    string? KeyTableItems,
    string? MotoLog,
    string AwsCalls,
    TimeSpan Elapsed);

/// <summary>The running server as /proc shows it: its uid, what its home holds, its environment variables' names.</summary>
internal sealed record ServerView(string? Uid, IReadOnlyList<string> Home, IReadOnlyList<string> EnvironmentNames);
