using System.Diagnostics;
using System.Text;
using StackKit.Tests.Image;
using StackKit.Tests.Templates;

namespace StackKit.Tests.FirstBoot;

/// <summary>
/// Boots a stand-in ECS-optimized Amazon Linux 2023 instance on this machine with the real Docker engine: the rendered
/// user data runs as root in private mount, network and pid namespaces (StandIns/rehearse.sh), where systemctl starts
/// a real dockerd (its bridge and iptables rules exist only in that network namespace), <c>docker pull</c> fetches
/// the image <see cref="BuiltImage"/> built from a docker-registry over the same storage on the same loopback port, and
/// the instance metadata service answers at 169.254.169.254 from a namespace one veth away, with the template's hop
/// limit as its packets' TTL (StandIns/imds.py). dnf and cfn-signal record their calls; ec2-user lives in a copy of
/// /etc, its home holds the key pair's line. With a <see cref="KeyTableStandIn"/>, AWS is a moto_server in the
/// namespace holding the stack's key table (StandIns/key-table.sh). With a <see cref="CentralLogsStandIn"/>, the
/// instance's Docker finds CloudWatch Logs at its regional name, a TLS front inside the namespace relaying to the
/// stand-in's moto (StandIns/central-logs.sh). Needs root, as CI has.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class FirstBootRehearsal
{
    public const string KeyPairLine = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHd9wq2vZ5mJ1b0u4p2S8xZ3rYqk1m0bq3lS7c0a9dQe my-key-pair";

    /// <summary>
    /// Runs one boot that pulls from <paramref name="image"/>'s registry. <paramref name="keyTable"/>, when the template
    /// has one, is the fleet's key table the instance's AWS holds; <paramref name="hopLimit"/> the launch template's
    /// HttpPutResponseHopLimit; <paramref name="amiHasCfnBootstrap"/> whether the AMI comes with cfn-signal (the
    /// ECS-optimized AMI does not); <paramref name="centralLogs"/> the stack's log group, when the test reads it.
    /// </summary>
    public static async Task<RehearsalResult> RunAsync(
        string userData, BuiltImage image, string stackCredentials, string keyToPost, int hopLimit, KeyTableStandIn? keyTable = null, string? signalRefusal = null,
        bool amiHasCfnBootstrap = false, CentralLogsStandIn? centralLogs = null)
    {
        Assert.True(Environment.UserName == "root", "The first-boot rehearsal needs root for its namespaces and mounts (CI runs as root).");
        var state = Directory.CreateTempSubdirectory("stackkit-first-boot-").FullName;
        UnixSocketRelay? logsRelay = null;
        try
        {
            File.SetUnixFileMode(state, ReadableDirectory);
            var (uid, gid) = await PrepareAsync(state, userData, stackCredentials, keyToPost);
            File.WriteAllText(Path.Combine(state, "registry-port"), image.Registry.Split(':')[1]);
            File.WriteAllText(Path.Combine(state, "registry-storage"), image.RegistryStorage);
            File.WriteAllText(Path.Combine(state, "hop-limit"), hopLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (amiHasCfnBootstrap)
            {
                File.WriteAllText(Path.Combine(state, "ami-has-cfn-bootstrap"), "");
            }
            if (keyTable is not null)
            {
                PrepareKeyTable(state, keyTable, keyToPost);
            }
            if (centralLogs is not null)
            {
                File.WriteAllText(Path.Combine(state, "logs-host"), centralLogs.Host);
                File.WriteAllText(Path.Combine(state, "log-group-name"), centralLogs.GroupName);
                logsRelay = centralLogs.Relay(Path.Combine(state, "aws.sock"));
            }
            if (signalRefusal is not null)
            {
                File.WriteAllText(Path.Combine(state, "cfn-signal-refusal"), signalRefusal + "\n");
            }
            var clock = Stopwatch.StartNew();
            var (exitCode, output) = await ExternalTool.RunAsync(
                TimeSpan.FromMinutes(4), "unshare", "--mount", "--net", "--pid", "--fork", "--mount-proc", "--propagation", "private",
                "bash", Path.Combine(state, "stand-ins", "rehearse.sh"), state);
            var elapsed = clock.Elapsed;
            Assert.True(exitCode == 0, $"The rehearsal itself failed (exit {exitCode}):\n{output}\n--- dockerd\n{Read(state, "dockerd.log")}");
            var signals = Directory.GetFiles(state, "cfn-signal.*").Order(StringComparer.Ordinal).ToList();
            return new RehearsalResult(
                int.Parse(Read(state, "user-data.exit")!.Trim(), System.Globalization.CultureInfo.InvariantCulture),
                Read(state, "console") ?? "",
                signals.Select(f => (IReadOnlyList<string>)File.ReadAllLines(f)).ToList(),
                signals.Count == 0 ? null : TimeSpan.FromTicks((Nanoseconds(Path.GetExtension(signals[0])[1..]) - Nanoseconds(Read(state, "user-data.start")!)) / 100),
                Read(state, "get"),
                Read(state, "post-stack-status"),
                Read(state, "post-default-status"),
                Read(state, "home", "ec2-user", ".ssh", "authorized_keys") ?? "",
                await OwnerAndModeAsync(Path.Combine(state, "home", "ec2-user", ".ssh", "authorized_keys")),
                $"{uid} 600",
                Read(state, "containers") ?? "",
                Read(state, "container-log") ?? "",
                new ServerView(Read(state, "server-uid")?.Trim(), Lines(Read(state, "server-home")), Lines(Read(state, "server-environment")),
                    Lines(Read(state, "server-privileges")), Read(state, "host-config.json"), Lines(Read(state, "container-writable")), Lines(Read(state, "container-directories")).Length),
                Read(state, "restart-ms") is { } restart ? TimeSpan.FromMilliseconds(int.Parse(restart, System.Globalization.CultureInfo.InvariantCulture)) : null,
                Read(state, "restart-count-before")?.Trim(),
                Read(state, "restart-count-after")?.Trim(),
                Read(state, "key-table-items.json"),
                Read(state, "moto.log"),
                Read(state, "aws-calls") ?? "",
                Read(state, "dnf-calls") ?? "",
                Read(state, "systemctl-calls") ?? "",
                Read(state, "imds.log") ?? "",
                Lines(Read(state, "dockerd-environment")),
                Read(state, "aws-front.log") ?? "",
                Read(state, "container-log-at-end"),
                elapsed);
        }
        finally
        {
            if (logsRelay is not null)
            {
                await logsRelay.DisposeAsync();
            }
            Directory.Delete(state, recursive: true);
        }
    }

    private static long Nanoseconds(string text) => long.Parse(text.Trim(), System.Globalization.CultureInfo.InvariantCulture);

    private const UnixFileMode ReadableDirectory =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private static async Task<(int Uid, int Gid)> PrepareAsync(string state, string userData, string stackCredentials, string keyToPost)
    {
        var standIns = Path.Combine(state, "stand-ins");
        var bin = Path.Combine(state, "bin");
        Directory.CreateDirectory(standIns);
        Directory.CreateDirectory(bin);
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "FirstBoot", "StandIns")))
        {
            File.Copy(file, Path.Combine(standIns, Path.GetFileName(file)));
            File.SetUnixFileMode(Path.Combine(standIns, Path.GetFileName(file)), ReadableDirectory);
        }
        foreach (var tool in new[] { "dnf", "systemctl", "cloud-init", "aws" })
        {
            File.Copy(Path.Combine(standIns, tool), Path.Combine(bin, tool));
            File.SetUnixFileMode(Path.Combine(bin, tool), ReadableDirectory);
        }
        // The client of the daemon's own package (docker.io): no API version to negotiate.
        File.CreateSymbolicLink(Path.Combine(bin, "docker"), File.Exists("/usr/bin/docker") ? "/usr/bin/docker" : "docker");
        var python = (await ExternalTool.RunAsync("python3", "-c", "import sys; print(sys.executable)")).Output.Trim();
        // Where python3, moto_server and aws are, for the stand-ins: by absolute path, not pyenv's shims.
        File.WriteAllText(Path.Combine(state, "python-bin"), Path.GetDirectoryName(python));

        // ec2-user as the AMI has it, in a copy of /etc bound over the real one inside the namespace.
        var (copied, copyOutput) = await ExternalTool.RunAsync("cp", "-a", "/etc", Path.Combine(state, "etc"));
        Assert.True(copied == 0, copyOutput);
        var uid = FreeId(Path.Combine(state, "etc", "passwd"));
        var gid = FreeId(Path.Combine(state, "etc", "group"));
        File.AppendAllText(Path.Combine(state, "etc", "passwd"), $"ec2-user:x:{uid}:{gid}:EC2 Default User:/home/ec2-user:/bin/bash\n");
        File.AppendAllText(Path.Combine(state, "etc", "group"), $"ec2-user:x:{gid}:\n");
        // The VPC's resolver, as on EC2: an address of the instance's own network, which nothing answers here. Docker
        // copies it into the container, instead of its public fallback resolvers for a loopback-only resolv.conf.
        File.Delete(Path.Combine(state, "etc", "resolv.conf"));
        File.WriteAllText(Path.Combine(state, "etc", "resolv.conf"), "nameserver 169.254.169.253\n");

        // The key pair's line, written by cloud-init before the user data runs.
        var ssh = Path.Combine(state, "home", "ec2-user", ".ssh");
        Directory.CreateDirectory(ssh);
        File.WriteAllText(Path.Combine(ssh, "authorized_keys"), KeyPairLine + "\n");
        File.SetUnixFileMode(Path.Combine(ssh, "authorized_keys"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.SetUnixFileMode(ssh, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.SetUnixFileMode(Path.Combine(state, "home"), ReadableDirectory);
        var (owned, chownOutput) = await ExternalTool.RunAsync("chown", "-R", $"{uid}:{gid}", Path.Combine(state, "home", "ec2-user"));
        Assert.True(owned == 0, chownOutput);

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
}

/// <summary>
/// What a rehearsed boot left: the user data's exit code and console, cfn-signal's calls and the time from the user
/// data's start to the first, the service's answers, the containers Docker had, the server as the kernel saw it, how
/// long Docker took to bring "Hi" back after the server was killed, the key table's items (aws dynamodb scan's JSON)
/// when the instance had one, and the calls the instance made to AWS, dnf, systemctl and the metadata service; the
/// names of the Docker daemon's environment variables; with central logs, the TLS front's connections and the lines
/// Docker had of the container at the end (both of its runs), once the stack's log group held as many.
/// </summary>
internal sealed record RehearsalResult(
    int ExitCode,
    string Console,
    IReadOnlyList<IReadOnlyList<string>> Signals,
    TimeSpan? UserDataToSignal,
    string? Get,
    string? PostWithStackCredentials,
    string? PostWithDefaultCredentials,
    string AuthorizedKeys,
    string AuthorizedKeysOwnerAndMode,
    string ExpectedOwnerAndMode,
    string Containers,
    string ContainerLog,
    ServerView Server,
    TimeSpan? RestartedWithin,
    string? RestartCountBefore,
    string? RestartCountAfter,
    string? KeyTableItems,
    string? MotoLog,
    string AwsCalls,
    string DnfCalls,
    string SystemctlCalls,
    string MetadataRequests,
    IReadOnlyList<string> DockerdEnvironment,
    string LogsFrontConnections,
    string? ContainerLogAtEnd,
    TimeSpan Elapsed);

/// <summary>
/// The running server as /proc shows it: its uid, what its home holds, its environment variables' names, its
/// capability sets and no_new_privs; Docker's HostConfig of its container; the directories of its file system its user
/// could create a file in (of <paramref name="DirectoriesTried"/>).
/// </summary>
internal sealed record ServerView(
    string? Uid, IReadOnlyList<string> Home, IReadOnlyList<string> EnvironmentNames, IReadOnlyList<string> Privileges, string? HostConfig,
    IReadOnlyList<string> WritableDirectories, int DirectoriesTried);
