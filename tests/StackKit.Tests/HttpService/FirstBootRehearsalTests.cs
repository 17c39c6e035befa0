using System.Globalization;
using System.Text.Json;
using StackKit.HttpService;
using StackKit.Keys;
using StackKit.Stacks;
using StackKit.Templates;
using StackKit.Tests.FirstBoot;
using StackKit.Tests.Templates;
using Xunit.Abstractions;

namespace StackKit.Tests.HttpService;

/// <summary>
/// The contract between the template and the image, rehearsed: the generated template's user data boots a stand-in
/// Amazon Linux 2023 instance (private namespaces, as root) and runs the published server as the container would.
/// Both shipped variants boot: the fleet key store (templates/http-service.json, the default; its table in a
/// moto_server inside the namespace) and per-server keys (FleetKeyStore = false, generated here).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FirstBootRehearsalTests(ITestOutputHelper output)
{
    private const string StackName = "rehearsal";
    private const string Region = "eu-west-2";
    private const string Image = "ghcr.io/stackkit/http-service:0.1.0";
    private const string Username = "deploy";
    // Quotes, $, ` and \ included: only the hash passes through the user data, and the server checks the password against it.
    private const string Password = "Rehearsal '\"$(id)`\\ !#%&()*+,-./:;<=>?@[]^_{|}~2026";
    private const string PostedKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFp3bW9x4f0b9kH2c8r1M6nV0sQe7yT5uI3oP1aS2dF4 laptop@rehearsal";

    private static readonly string FleetTemplate = File.ReadAllText(RepositoryFiles.PathOf("templates", "http-service.json"));

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

    [Fact]
    public async Task The_first_boot_signals_success_serves_Hi_and_adds_a_key_with_the_stacks_credentials_beside_the_key_pair()
    {
        var keyTable = KeyTableStandIn.From(FleetTemplate, StackName, Region);
        Assert.NotNull(keyTable);

        var boot = await FirstBootRehearsal.RunAsync(UserData(Image), [Image], $"{Username}:{Password}", PostedKey, keyTable);
        output.WriteLine($"--- moto\n{boot.MotoLog}");

        AssertBootedAndAddedTheKey(boot);
        Assert.Subset(boot.Server.EnvironmentNames.ToHashSet(), new HashSet<string> { "KeyInjection__Fleet__TableName", "AWS_REGION" });
        // It signalled only once the load balancer routed to it (the stand-in says OutOfService once, then InService).
        var expectedCall = $"elb describe-instance-health --load-balancer-name {RenderedUserData.PhysicalId(StackName, "LoadBalancer")} --instances i-0123456789abcdef0 " +
            $"--query InstanceStates[0].State --region {Region} --output text";
        Assert.Equal([expectedCall, expectedCall], boot.AwsCalls.TrimEnd('\n').Split('\n'));
        Assert.True(
            boot.Console.IndexOf("stackkit: step 8/8: waiting for the load balancer to route to this server", StringComparison.Ordinal) is > 0 and var wait
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
        Assert.Equal("http:127.0.0.1", attributes["AddedBy"]);
        var addedAt = DateTime.ParseExact(attributes["AddedAt"]!, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        Assert.Equal(DateTimeKind.Utc, addedAt.Kind);
        Assert.InRange(DateTime.UtcNow - addedAt, TimeSpan.Zero, TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task Without_the_fleet_key_store_the_first_boot_adds_the_key_on_the_server_itself()
    {
        var template = TemplateWriter.ToJson(HttpServiceTemplate.Build(new HttpServiceOptions { FleetKeyStore = false }));
        Assert.Null(KeyTableStandIn.From(template, StackName, Region));

        var boot = await FirstBootRehearsal.RunAsync(UserData(Image, template), [Image], $"{Username}:{Password}", PostedKey);

        AssertBootedAndAddedTheKey(boot);
        Assert.DoesNotContain("KeyInjection__Fleet__TableName", boot.Server.EnvironmentNames);
        // No instance role, so nothing to ask the load balancer with: the boot signals once the service answers.
        Assert.Equal("", boot.AwsCalls);
        Assert.Contains("stackkit: step 7/7:", boot.Console, StringComparison.Ordinal);
    }

    private void AssertBootedAndAddedTheKey(RehearsalResult boot)
    {
        output.WriteLine($"boot took {boot.Elapsed.TotalSeconds:0.0} s\n--- console\n{boot.Console}\n--- container\n{boot.ContainerLog}");

        Assert.True(boot.ExitCode == 0, boot.Console);
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
        Assert.Matches("^restrict,pty,expiry-time=\"[0-9]{14}Z\" " + System.Text.RegularExpressions.Regex.Escape(PostedKey) + "$", lines[1]);
        var expiry = DateTime.ParseExact(lines[1].Split('"')[1], "yyyyMMddHHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);
        Assert.InRange(expiry - DateTime.UtcNow, TimeSpan.FromHours(11.9), TimeSpan.FromHours(12.1));
        Assert.Equal(boot.ExpectedOwnerAndMode, boot.AuthorizedKeysOwnerAndMode);
        // As the container: ec2-user's uid, a home holding only the mounted ~/.ssh, the settings from the env file.
        Assert.Equal(boot.ExpectedOwnerAndMode.Split(' ')[0], boot.Server.Uid);
        Assert.Equal([".ssh"], boot.Server.Home);
        Assert.Subset(boot.Server.EnvironmentNames.ToHashSet(), new HashSet<string> { "HOME", "ASPNETCORE_HTTP_PORTS", "KeyInjection__Username", "KeyInjection__PasswordHash" });
        Assert.DoesNotContain("KeyInjection__Password", boot.Server.EnvironmentNames);
        Assert.Matches("stackkit: step 7/[78]: waiting for the service to answer on port 80", boot.Console);
        Assert.Contains("stackkit: boot complete", boot.Console, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, boot.Console, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, boot.DockerCalls, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_image_that_cannot_be_pulled_signals_failure_at_once_with_the_line_the_diagnosis_quotes()
    {
        var boot = await FirstBootRehearsal.RunAsync(UserData("stackkit/http-service:latest"), [Image], $"{Username}:{Password}", PostedKey);
        output.WriteLine($"boot took {boot.Elapsed.TotalSeconds:0.0} s\n--- console\n{boot.Console}");

        Assert.NotEqual(0, boot.ExitCode);
        var signal = Assert.Single(boot.Signals);
        Assert.Equal(["--exit-code", "1", "--stack", StackName, "--resource", "AutoScalingGroup", "--region", Region], signal);
        // At once: nothing after the failed pull ran (no container, no health wait and its two minutes of retries).
        Assert.DoesNotContain("run ", boot.DockerCalls, StringComparison.Ordinal);
        Assert.DoesNotContain("stackkit: step 6/", boot.Console, StringComparison.Ordinal);
        Assert.EndsWith("stackkit: FAILED at step 5/8: pulling image stackkit/http-service:latest (exit code 1)\n", boot.Console, StringComparison.Ordinal);
        // What the diagnosis finds in this console is what a failed deploy reports.
        Assert.Equal(
            [
                "stackkit: step 5/8: pulling image stackkit/http-service:latest",
                "Error response from daemon: pull access denied for stackkit/http-service, repository does not exist or may require 'docker login': denied: requested access to the resource is denied",
                "stackkit: FAILED at step 5/8: pulling image stackkit/http-service:latest (exit code 1)",
            ],
            BootConsole.FailureLines(boot.Console));
    }

    [Fact]
    public async Task A_server_launched_when_no_create_or_update_waits_ends_its_boot_complete_without_a_FAILED_line()
    {
        var keyTable = KeyTableStandIn.From(FleetTemplate, StackName, Region);

        var boot = await FirstBootRehearsal.RunAsync(UserData(Image), [Image], $"{Username}:{Password}", PostedKey, keyTable, NotAwaited);
        output.WriteLine($"--- console\n{boot.Console}");

        Assert.True(boot.ExitCode == 0, boot.Console);
        Assert.Equal("0", Assert.Single(boot.Signals)[1]);
        Assert.DoesNotContain("FAILED", boot.Console, StringComparison.Ordinal);
        Assert.EndsWith("stackkit: boot complete: the service answers on port 80\nstackkit: no stack operation awaits a signal: nothing to report\n", boot.Console, StringComparison.Ordinal);
        Assert.Equal("Hi", boot.Get);
    }

    [Fact]
    public async Task A_failing_boot_that_nobody_waits_for_still_reports_its_failure_and_step()
    {
        var boot = await FirstBootRehearsal.RunAsync(UserData("stackkit/http-service:latest"), [Image], $"{Username}:{Password}", PostedKey, signalRefusal: NotAwaited);
        output.WriteLine($"--- console\n{boot.Console}");

        Assert.Equal(1, boot.ExitCode);
        Assert.Equal("1", Assert.Single(boot.Signals)[1]);
        Assert.EndsWith("stackkit: FAILED at step 5/8: pulling image stackkit/http-service:latest (exit code 1)\n", boot.Console, StringComparison.Ordinal);
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
            File.WriteAllText(userData, UserData(Image));
            var standIns = Path.Combine(AppContext.BaseDirectory, "FirstBoot", "StandIns");

            var (exitCode, findings) = await ExternalTool.RunAsync(
                "shellcheck", [userData, .. new[] { "dnf", "systemctl", "cfn-signal", "rehearse.sh", "key-table.sh", "aws" }.Select(tool => Path.Combine(standIns, tool))]);

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

        Assert.Contains($"ASPNETCORE_HTTP_PORTS={port}", FirstBootRehearsal.ImageEnvironment());
        Assert.Contains($"\nEXPOSE {port}\n", dockerfile, StringComparison.Ordinal);
        Assert.Contains($"--publish 80:{port}", UserData(Image), StringComparison.Ordinal);
    }
}
