using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using StackKit.HttpService;
using StackKit.Keys;
using StackKit.Stacks;
using StackKit.Templates;
using StackKit.Tests.FirstBoot;
using StackKit.Tests.Image;
using StackKit.Tests.Templates;
using Xunit.Abstractions;

namespace StackKit.Tests.HttpService;

/// <summary>
/// The contract between the template and the image, rehearsed with the real Docker engine: the generated template's
/// user data boots a stand-in ECS-optimized Amazon Linux 2023 instance (private namespaces, as root), pulls the image
/// <see cref="BuiltImage"/> built and pushed to a loopback registry, and runs it with its own flags. Both shipped
/// variants boot: the fleet key store (templates/http-service.json, the default; its table in a moto_server inside the
/// namespace, the container's credentials from the instance metadata service) and per-server keys (FleetKeyStore =
/// false, generated here).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
[Collection(ImageTests.Name)]
public sealed partial class FirstBootRehearsalTests(BuiltImage image, ITestOutputHelper output)
{
    private const string StackName = "rehearsal";
    private const string Region = "eu-west-2";
    private const string Username = "deploy";
    // Quotes, $, ` and \ included: only the hash passes through the user data, and the server checks the password against it.
    private const string Password = "Rehearsal '\"$(id)`\\ !#%&()*+,-./:;<=>?@[]^_{|}~2026";
    private const string PostedKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFp3bW9x4f0b9kH2c8r1M6nV0sQe7yT5uI3oP1aS2dF4 laptop@rehearsal";

    private static readonly string FleetTemplate = File.ReadAllText(RepositoryFiles.PathOf("templates", "http-service.json"));

    private string MissingImage => image.Registry + "/stackkit/http-service:0.0.0-missing";

    private static string UserData(string image, string? template = null) => RenderedUserData.From(
        template ?? FleetTemplate,
        StackName,
        Region,
        new Dictionary<string, string>
        {
            [HttpServiceNames.DockerImage] = image,
            [HttpServiceNames.ServiceUsername] = Username,
            [HttpServiceNames.ServicePasswordHash] = PasswordHash.Compute(Password),
        });

    /// <summary>The launch template's HttpPutResponseHopLimit in <paramref name="template"/>.</summary>
    private static int HopLimit(string template) => JsonDocument.Parse(template).RootElement.GetProperty("Resources").EnumerateObject()
        .Single(r => r.Value.GetProperty("Type").GetString() == "AWS::EC2::LaunchTemplate").Value
        .GetProperty("Properties").GetProperty("LaunchTemplateData").GetProperty("MetadataOptions").GetProperty("HttpPutResponseHopLimit").GetInt32();

    [Fact]
    public async Task The_first_boot_signals_success_serves_Hi_and_adds_a_key_with_the_stacks_credentials_beside_the_key_pair()
    {
        var keyTable = KeyTableStandIn.From(FleetTemplate, StackName, Region);
        Assert.NotNull(keyTable);

        var boot = await FirstBootRehearsal.RunAsync(UserData(image.Reference), image, $"{Username}:{Password}", PostedKey, HopLimit(FleetTemplate), keyTable);
        output.WriteLine($"--- instance metadata requests\n{boot.MetadataRequests}--- moto\n{boot.MotoLog}");

        AssertBootedAndAddedTheKey(boot);
        // The ECS-optimized AMI has Docker: only the CloudFormation helper scripts are installed, and the boot says so.
        Assert.Equal("install -y aws-cfn-bootstrap\n", boot.DnfCalls);
        Assert.Matches(StepLine("1/7", "installing what the AMI lacks: aws-cfn-bootstrap"), boot.Console);
        // The container's SDK took the instance role's credentials from IMDSv2, two hops away (the template's limit):
        // a token, then the role, then its credentials; nothing without a token.
        Assert.Equal(2, HopLimit(FleetTemplate));
        var container = ContainerRequests(boot);
        Assert.Matches(@"^PUT /latest/api/token from [0-9.]+: 200 ", container[0]);
        Assert.Contains(container, r => Regex.IsMatch(r, @"^GET /latest/meta-data/iam/security-credentials/[A-Za-z0-9-]+ from [0-9.]+: 200 "));
        Assert.DoesNotContain(container, r => r.Contains(": 401 ", StringComparison.Ordinal));
        Assert.Subset(boot.Server.EnvironmentNames.ToHashSet(), new HashSet<string> { "KeyInjection__Fleet__TableName", "AWS_REGION" });
        // It signalled only once the load balancer routed to it (the stand-in says OutOfService once, then InService).
        var expectedCall = $"elb describe-instance-health --load-balancer-name {RenderedUserData.PhysicalId(StackName, "LoadBalancer")} --instances i-0123456789abcdef0 " +
            $"--query InstanceStates[0].State --region {Region} --output text";
        Assert.Equal([expectedCall, expectedCall], boot.AwsCalls.TrimEnd('\n').Split('\n'));
        Assert.True(
            StepLine("7/7", "waiting for the load balancer to route to this server").Match(boot.Console) is { Success: true, Index: > 0 and var wait }
            && wait < boot.Console.IndexOf("stackkit: boot complete", StringComparison.Ordinal),
            boot.Console);
        // The key is in the fleet's table, in the shape every other server and the cmdlets read (CONTRACT.md).
        var item = Assert.Single(JsonDocument.Parse(boot.KeyTableItems!).RootElement.GetProperty("Items").EnumerateArray());
        var attributes = item.EnumerateObject().ToDictionary(a => a.Name, a => (a.Value.TryGetProperty("S", out var text) ? text : a.Value.GetProperty("N")).GetString());
        var key = OpenSshPublicKey.Parse(PostedKey);
        Assert.Equal(["AddedAt", "AddedBy", "Comment", "ExpiresAt", "Fingerprint", "KeyLine", "Type"], attributes.Keys.Order(StringComparer.Ordinal));
        // The stack's default lifetime, 12 hours, as the table's TTL attribute (Unix seconds).
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(long.Parse(attributes["ExpiresAt"]!, CultureInfo.InvariantCulture));
        Assert.InRange(expiresAt - DateTimeOffset.UtcNow, TimeSpan.FromHours(11.9), TimeSpan.FromHours(12.1));
        Assert.Equal(key.Fingerprint, attributes["Fingerprint"]);
        Assert.Equal(PostedKey, attributes["KeyLine"]);
        Assert.Equal("ssh-ed25519", attributes["Type"]);
        Assert.Equal("laptop@rehearsal", attributes["Comment"]);
        // The client as the container sees it: Docker's port proxy, from docker0's gateway (no X-Forwarded-For here).
        Assert.Equal("http:172.17.0.1", attributes["AddedBy"]);
        var addedAt = DateTime.ParseExact(attributes["AddedAt"]!, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        Assert.Equal(DateTimeKind.Utc, addedAt.Kind);
        Assert.InRange(DateTime.UtcNow - addedAt, TimeSpan.Zero, TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task With_a_hop_limit_of_1_the_container_gets_no_credentials_and_its_key_reaches_no_table()
    {
        var keyTable = KeyTableStandIn.From(FleetTemplate, StackName, Region);

        var boot = await FirstBootRehearsal.RunAsync(UserData(image.Reference), image, $"{Username}:{Password}", PostedKey, hopLimit: 1, keyTable);
        output.WriteLine($"--- instance metadata requests\n{boot.MetadataRequests}--- console\n{boot.Console}\n--- container\n{boot.ContainerLog}");

        // The boot waits for "Hi" only; the instance itself, no hop away, still gets answers (its Docker's log driver).
        Assert.True(boot.ExitCode == 0, boot.Console);
        Assert.Equal("Hi", boot.Get);
        // The container is one forwarding hop further: not even the token's TCP handshake reaches it.
        Assert.Empty(ContainerRequests(boot));
        Assert.NotEqual("200", boot.PostWithStackCredentials);
        Assert.Empty(JsonDocument.Parse(boot.KeyTableItems!).RootElement.GetProperty("Items").EnumerateArray());
    }

    [Fact]
    public async Task With_central_logs_Dockers_awslogs_driver_sends_every_container_line_to_the_stacks_log_group_where_Get_HttpServiceLog_reads_it()
    {
        var keyTable = KeyTableStandIn.From(FleetTemplate, StackName, Region);
        await using var centralLogs = await CentralLogsStandIn.StartAsync(FleetTemplate, StackName, Region);
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);

        var boot = await FirstBootRehearsal.RunAsync(UserData(image.Reference), image, $"{Username}:{Password}", PostedKey, HopLimit(FleetTemplate), keyTable, centralLogs: centralLogs);
        var events = new List<ServiceLogEvent>();
        await foreach (var logEvent in centralLogs.Service.ReadLogsAsync(StackName, new ServiceLogQuery { Since = since }))
        {
            events.Add(logEvent);
        }
        output.WriteLine($"--- TLS front\n{boot.LogsFrontConnections}--- instance metadata requests\n{boot.MetadataRequests}--- container, at the end\n{boot.ContainerLogAtEnd}" +
            $"--- Get-HttpServiceLog\n{string.Join('\n', events)}");

        Assert.True(boot.ExitCode == 0, boot.Console);
        // The user data's own flags: no endpoint, so the driver's SDK called the region's CloudWatch Logs by name.
        Assert.DoesNotContain("awslogs-endpoint", UserData(image.Reference), StringComparison.Ordinal);
        var connections = boot.LogsFrontConnections.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(connections);
        Assert.All(connections, c => Assert.Equal($"TLS from 127.0.0.1 for logs.{Region}.amazonaws.com", c));
        // With the instance role's credentials, the real way: none in the daemon's environment, IMDSv2's to its Go SDK.
        Assert.DoesNotContain(boot.DockerdEnvironment, name => name.StartsWith("AWS_", StringComparison.Ordinal));
        Assert.Contains(boot.MetadataRequests.Split('\n'), r => Regex.IsMatch(r, @"^GET /latest/meta-data/iam/security-credentials/[A-Za-z0-9-]+ from [0-9.]+: 200 \(.*aws-sdk-go/"));
        // Every line Docker has of the container, in order, in the instance's own stream, as Get-HttpServiceLog shows them.
        var lines = boot.ContainerLogAtEnd!.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(lines, events.Take(lines.Length).Select(e => e.Message));
        Assert.All(events, e => Assert.Equal("i-0123456789abcdef0", e.InstanceId));
        // Among them the server's start, twice: Docker restarted the killed server, whose lines go on in the same stream.
        Assert.Equal(2, events.Count(e => e.Message.Contains("Now listening on", StringComparison.Ordinal)));
        // The key POSTed with the stack's credentials, and the POST with the well-known defaults, refused.
        Assert.Single(events, e => e.Message.Contains("Added SSH public key", StringComparison.Ordinal) && e.Message.Contains("laptop@rehearsal", StringComparison.Ordinal));
        Assert.Single(events, e => e.Message.Contains("Failed authentication for POST /add_public_key from 172.17.0.1", StringComparison.Ordinal));
    }

    // The metadata requests of the container's SDK: all but those of the instance's own Docker (its awslogs driver, Go SDK).
    private static List<string> ContainerRequests(RehearsalResult boot) =>
        boot.MetadataRequests.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(r => !r.Contains("(aws-sdk-go/", StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task Without_the_fleet_key_store_the_first_boot_adds_the_key_on_the_server_itself()
    {
        var template = TemplateWriter.ToJson(HttpServiceTemplate.Build(new HttpServiceOptions { FleetKeyStore = false }));
        Assert.Null(KeyTableStandIn.From(template, StackName, Region));

        var boot = await FirstBootRehearsal.RunAsync(UserData(image.Reference, template), image, $"{Username}:{Password}", PostedKey, HopLimit(template), amiHasCfnBootstrap: true);

        AssertBootedAndAddedTheKey(boot);
        // An AMI that has cfn-signal and Docker: nothing is installed, and the boot says so.
        Assert.Equal("", boot.DnfCalls);
        Assert.Matches(StepLine("1/6", "installing nothing: the AMI has cfn-signal and Docker"), boot.Console);
        // No instance role: the container needs no credentials, and the hop limit keeps them from it.
        Assert.Equal(1, HopLimit(template));
        Assert.Equal("", boot.MetadataRequests);
        Assert.DoesNotContain("KeyInjection__Fleet__TableName", boot.Server.EnvironmentNames);
        // No instance role, so nothing to ask the load balancer with: the boot signals once the service answers.
        Assert.Equal("", boot.AwsCalls);
        Assert.Matches(StepLine("6/6", "waiting for the service to answer on port 80"), boot.Console);
    }

    private void AssertBootedAndAddedTheKey(RehearsalResult boot)
    {
        output.WriteLine($"user data start → success signal: {boot.UserDataToSignal?.TotalSeconds:0.00} s (pulling {image.Reference} from the loopback registry); " +
            $"rehearsal {boot.Elapsed.TotalSeconds:0.0} s\n--- console\n{boot.Console}\n--- containers\n{boot.Containers}--- container log\n{boot.ContainerLog}\n" +
            $"--- server\n{string.Join('\n', boot.Server.Privileges)}\nwritable: {string.Join(' ', boot.Server.WritableDirectories)} (of {boot.Server.DirectoriesTried})\nrestarted within: {boot.RestartedWithin?.TotalMilliseconds} ms");

        Assert.True(boot.ExitCode == 0, boot.Console + "\n" + boot.ContainerLog);
        var signal = Assert.Single(boot.Signals);
        Assert.Equal(["--exit-code", "0", "--stack", StackName, "--resource", "AutoScalingGroup", "--region", Region], signal);
        Assert.Equal("Hi", boot.Get);
        Assert.Equal("200", boot.PostWithStackCredentials);
        // The stack's credentials replaced the well-known defaults: the env names the template writes are the ones the server reads.
        Assert.Equal("401", boot.PostWithDefaultCredentials);
        // The key pair's line as EC2 wrote it; the POSTed key restricted, and expiring after the stack's default 12 hours.
        var lines = boot.AuthorizedKeys.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Equal(FirstBootRehearsal.KeyPairLine, lines[0]);
        Assert.Matches("^restrict,pty,expiry-time=\"[0-9]{14}Z\" " + Regex.Escape(PostedKey) + "$", lines[1]);
        var expiry = DateTime.ParseExact(lines[1].Split('"')[1], "yyyyMMddHHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        Assert.InRange(expiry - DateTime.UtcNow, TimeSpan.FromHours(11.9), TimeSpan.FromHours(12.1));
        Assert.Equal(boot.ExpectedOwnerAndMode, boot.AuthorizedKeysOwnerAndMode);
        // The image Docker ran: ec2-user's uid, a home holding only the mounted ~/.ssh, the settings from the env file.
        Assert.Equal($"/http-service {image.Reference} running\n", boot.Containers);
        Assert.Equal(boot.ExpectedOwnerAndMode.Split(' ')[0], boot.Server.Uid);
        Assert.Equal([".ssh"], boot.Server.Home);
        Assert.Subset(boot.Server.EnvironmentNames.ToHashSet(), new HashSet<string> { "HOME", "ASPNETCORE_HTTP_PORTS", "KeyInjection__Username", "KeyInjection__PasswordHash" });
        Assert.DoesNotContain("KeyInjection__Password", boot.Server.EnvironmentNames);
        AssertHardened(boot);
        // Killed, the server is back within 5 s: Docker's restart policy, not the boot, brings it back.
        Assert.True(boot.RestartedWithin is { } restarted && restarted <= TimeSpan.FromSeconds(5), $"\"Hi\" came back after {boot.RestartedWithin?.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) ?? "more than 10 s"}");
        Assert.Equal(int.Parse(boot.RestartCountBefore!, CultureInfo.InvariantCulture) + 1, int.Parse(boot.RestartCountAfter!.Split(' ')[0], CultureInfo.InvariantCulture));
        output.WriteLine($"killed server answered \"Hi\" again after {boot.RestartedWithin!.Value.TotalMilliseconds:0} ms");

        Assert.Matches(StepLine("6/[67]", "waiting for the service to answer on port 80"), boot.Console);
        Assert.Matches(@"stackkit: boot complete at [0-9.]+ s: the service answers on port 80\n", boot.Console);
        AssertProfile(boot.Console);
        Assert.Contains("enable --now docker\n", boot.SystemctlCalls, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, boot.Console, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, boot.Server.HostConfig!, StringComparison.Ordinal);
    }

    // What the kernel says of the running server, and what Docker was told.
    private static void AssertHardened(RehearsalResult boot)
    {
        Assert.Equal(
            ["CapInh:\t0000000000000000", "CapPrm:\t0000000000000000", "CapEff:\t0000000000000000", "CapBnd:\t0000000000000000", "CapAmb:\t0000000000000000", "NoNewPrivs:\t1"],
            boot.Server.Privileges);
        using var hostConfig = JsonDocument.Parse(boot.Server.HostConfig!);
        Assert.True(hostConfig.RootElement.GetProperty("ReadonlyRootfs").GetBoolean());
        Assert.Equal(["ALL"], hostConfig.RootElement.GetProperty("CapDrop").EnumerateArray().Select(c => c.GetString()));
        Assert.Contains("no-new-privileges", hostConfig.RootElement.GetProperty("SecurityOpt").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal("always", hostConfig.RootElement.GetProperty("RestartPolicy").GetProperty("Name").GetString());
        // Of every directory in the container (its image's and its mounts'), its user can write only in ~/.ssh.
        Assert.True(boot.Server.DirectoriesTried > 10, $"Only {boot.Server.DirectoriesTried} directories were tried.");
        Assert.Equal(["/home/ec2-user/.ssh"], boot.Server.WritableDirectories);
    }

    // The step lines' seconds since boot never go back: a profile of the boot.
    private void AssertProfile(string console)
    {
        var times = ProfileLine().Matches(console).Select(m => (Step: m.Groups[1].Value, Seconds: double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))).ToList();
        Assert.True(times.Count >= 6, console);
        Assert.Equal(times.Select(t => t.Seconds).Order(), times.Select(t => t.Seconds));
        output.WriteLine("boot profile: " + string.Join(", ", times.Zip(times.Skip(1)).Select(p => $"step {p.First.Step} {p.Second.Seconds - p.First.Seconds:0.00} s")));
    }

    private static Regex StepLine(string step, string text) => new($"stackkit: step {step} at [0-9.]+ s: {Regex.Escape(text)}\n");

    [GeneratedRegex(@"stackkit: step ([0-9]+)/[0-9]+ at ([0-9.]+) s: ")]
    private static partial Regex ProfileLine();

    [Fact]
    public async Task An_image_that_does_not_exist_fails_the_boot_at_once_with_Dockers_message_which_the_diagnosis_quotes()
    {
        var boot = await FirstBootRehearsal.RunAsync(UserData(MissingImage), image, $"{Username}:{Password}", PostedKey, HopLimit(FleetTemplate));
        output.WriteLine($"boot took {boot.Elapsed.TotalSeconds:0.0} s\n--- console\n{boot.Console}");

        Assert.NotEqual(0, boot.ExitCode);
        var signal = Assert.Single(boot.Signals);
        Assert.Equal(["--exit-code", "1", "--stack", StackName, "--resource", "AutoScalingGroup", "--region", Region], signal);
        // At once: nothing after the failed pull ran (no container, no health wait and its two minutes of retries).
        Assert.Equal("", boot.Containers);
        Assert.DoesNotContain("stackkit: step 5/", boot.Console, StringComparison.Ordinal);
        Assert.EndsWith($"stackkit: FAILED at step 4/7: pulling image {MissingImage} (exit code 1)\n", boot.Console, StringComparison.Ordinal);
        // What the diagnosis finds in this console is what a failed deploy reports: the step, Docker's own words, the failure.
        var lines = BootConsole.FailureLines(boot.Console);
        Assert.Equal(3, lines.Count);
        Assert.Matches(StepLine("4/7", $"pulling image {MissingImage}"), lines[0] + "\n");
        Assert.Equal($"Error response from daemon: manifest for {MissingImage} not found: manifest unknown: manifest unknown", lines[1]);
        Assert.Equal($"stackkit: FAILED at step 4/7: pulling image {MissingImage} (exit code 1)", lines[2]);
    }

    [Fact]
    public async Task A_server_launched_when_no_create_or_update_waits_ends_its_boot_complete_without_a_FAILED_line()
    {
        var keyTable = KeyTableStandIn.From(FleetTemplate, StackName, Region);

        var boot = await FirstBootRehearsal.RunAsync(UserData(image.Reference), image, $"{Username}:{Password}", PostedKey, HopLimit(FleetTemplate), keyTable, NotAwaited);
        output.WriteLine($"--- console\n{boot.Console}");

        Assert.True(boot.ExitCode == 0, boot.Console);
        Assert.Equal("0", Assert.Single(boot.Signals)[1]);
        Assert.DoesNotContain("FAILED", boot.Console, StringComparison.Ordinal);
        Assert.Matches(@"stackkit: boot complete at [0-9.]+ s: the service answers on port 80\nstackkit: no stack operation awaits a signal: nothing to report\n$", boot.Console);
        Assert.Equal("Hi", boot.Get);
    }

    [Fact]
    public async Task A_failing_boot_that_nobody_waits_for_still_reports_its_failure_and_step()
    {
        var boot = await FirstBootRehearsal.RunAsync(UserData(MissingImage), image, $"{Username}:{Password}", PostedKey, HopLimit(FleetTemplate), signalRefusal: NotAwaited);
        output.WriteLine($"--- console\n{boot.Console}");

        Assert.Equal(1, boot.ExitCode);
        Assert.Equal("1", Assert.Single(boot.Signals)[1]);
        Assert.EndsWith($"stackkit: FAILED at step 4/7: pulling image {MissingImage} (exit code 1)\n", boot.Console, StringComparison.Ordinal);
    }

    // CloudFormation's answer to a signal no create or update waits for, as cfn-signal prints it (exit code 1).
    private const string NotAwaited =
        "ValidationError: Stack arn:aws:cloudformation:eu-west-2:123456789012:stack/rehearsal/0a1b2c3d-4e5f-6789-abcd-ef0123456789 is in UPDATE_COMPLETE state and cannot be signaled";

    [Fact]
    public async Task The_rendered_user_data_and_the_stand_ins_pass_shellcheck()
    {
        var folder = Directory.CreateTempSubdirectory("stackkit-shellcheck-").FullName;
        try
        {
            var userData = Path.Combine(folder, "user-data");
            File.WriteAllText(userData, UserData(image.Reference));
            var standIns = Path.Combine(AppContext.BaseDirectory, "FirstBoot", "StandIns");

            var (exitCode, findings) = await ExternalTool.RunAsync(
                "shellcheck", [userData, .. new[] { "dnf", "systemctl", "cfn-signal", "cloud-init", "rehearse.sh", "key-table.sh", "central-logs.sh", "aws", "dockerd.sh", "aws-endpoint-runtime" }.Select(tool => Path.Combine(standIns, tool))]);

            Assert.True(exitCode == 0, findings);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_image_listens_on_the_container_port_the_template_publishes()
    {
        var dockerfile = File.ReadAllText(RepositoryFiles.PathOf("templates", "Dockerfile"));
        var port = new HttpServiceOptions().ContainerPort;

        Assert.Contains($"\nENV ASPNETCORE_HTTP_PORTS={port}\n", dockerfile, StringComparison.Ordinal);
        Assert.Contains($"\nEXPOSE {port}\n", dockerfile, StringComparison.Ordinal);
        Assert.Contains($"--publish 80:{port}", UserData(image.Reference), StringComparison.Ordinal);
    }
}
