using System.Diagnostics;
using System.Text.Json;
using StackKit.HttpService;
using StackKit.Templates;
using StackKit.Tests.Templates;

namespace StackKit.Tests.HttpService;

/// <summary>
/// The SSH key audit trail and alerts in the template: the stream, the function and how little its role may do, the
/// refused-password alarm, and the function's own reading of the stream records it is handed (FleetKeys.Tests.ps1 runs
/// it against moto with a server, the cmdlets and a direct table write).
/// </summary>
public sealed class KeyAuditTemplateTests
{
    [Fact]
    public void The_key_table_streams_every_change_to_a_function_whose_role_reads_that_stream_writes_its_group_and_publishes_to_the_topic_only()
    {
        var resources = Resources(new HttpServiceOptions { NotificationEmail = "ops@example.com" });

        Assert.Equal("NEW_AND_OLD_IMAGES", resources.GetProperty("KeyTable").GetProperty("Properties").GetProperty("StreamSpecification").GetProperty("StreamViewType").GetString());
        var mapping = resources.GetProperty("KeyAuditEvents").GetProperty("Properties");
        Assert.Equal("""{"Fn::GetAtt":["KeyTable","StreamArn"]}""", mapping.GetProperty("EventSourceArn").GetRawText());
        Assert.Equal("TRIM_HORIZON", mapping.GetProperty("StartingPosition").GetString());
        var function = resources.GetProperty("KeyAuditFunction").GetProperty("Properties");
        Assert.Equal("""{"Ref":"KeyAuditLogGroup"}""", function.GetProperty("LoggingConfig").GetProperty("LogGroup").GetRawText());
        Assert.Equal(KeyAudit.Source, function.GetProperty("Code").GetProperty("ZipFile").GetString());
        Assert.DoesNotContain("@@", KeyAudit.Source, StringComparison.Ordinal);
        Assert.InRange(KeyAudit.Source.Length, 1, 4096);

        var role = resources.GetProperty("KeyAuditRole").GetProperty("Properties");
        Assert.False(role.TryGetProperty("ManagedPolicyArns", out _));
        var trust = Assert.Single(role.GetProperty("AssumeRolePolicyDocument").GetProperty("Statement").EnumerateArray());
        Assert.Equal("""{"Service":["lambda.amazonaws.com"]}""", trust.GetProperty("Principal").GetRawText());
        var statements = Assert.Single(role.GetProperty("Policies").EnumerateArray()).GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray()
            .Select(s => (string.Join(' ', s.GetProperty("Action").EnumerateArray().Select(a => a.GetString())), s.GetProperty("Resource").GetRawText()))
            .ToList();
        Assert.Equal(
            [
                ("dynamodb:DescribeStream dynamodb:GetRecords dynamodb:GetShardIterator dynamodb:ListStreams", """[{"Fn::Sub":["${Table}/stream/*",{"Table":{"Fn::GetAtt":["KeyTable","Arn"]}}]}]"""),
                ("logs:CreateLogStream logs:PutLogEvents", """[{"Fn::GetAtt":["KeyAuditLogGroup","Arn"]}]"""),
                ("sns:Publish", """[{"Ref":"AlarmTopic"}]"""),
            ],
            statements);
        // Only the function writes the audit group: the instances' role may write the central group, not this one.
        Assert.DoesNotContain("KeyAuditLogGroup", resources.GetProperty("InstanceRole").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_an_e_mail_address_the_trail_is_kept_and_nothing_may_publish()
    {
        var resources = Resources(new HttpServiceOptions());

        var function = resources.GetProperty("KeyAuditFunction").GetProperty("Properties");
        Assert.False(function.GetProperty("Environment").GetProperty("Variables").TryGetProperty("TOPIC_ARN", out _));
        Assert.DoesNotContain("sns:", resources.GetProperty("KeyAuditRole").GetRawText(), StringComparison.Ordinal);
        Assert.False(resources.TryGetProperty("RefusedPasswordAlarm", out _));
        Assert.Equal(365, resources.GetProperty("KeyAuditLogGroup").GetProperty("Properties").GetProperty("RetentionInDays").GetInt32());
        Assert.False(Resources(new HttpServiceOptions { FleetKeyStore = false }).TryGetProperty("KeyAuditFunction", out _));
    }

    [Fact]
    public void A_burst_of_refused_password_attempts_raises_one_alarm_on_the_server_s_own_429_line()
    {
        var resources = Resources(new HttpServiceOptions { NotificationEmail = "ops@example.com" });

        var filter = resources.GetProperty("RefusedPasswordFilter").GetProperty("Properties");
        Assert.Equal("""{"Ref":"LogGroup"}""", filter.GetProperty("LogGroupName").GetRawText());
        Assert.Equal("\"" + KeyAudit.RefusedPasswordPhrase + "\"", filter.GetProperty("FilterPattern").GetString());
        // The phrase is the server's own words (ServerLog event 6), which the server and the core do not share in code.
        Assert.Contains(KeyAudit.RefusedPasswordPhrase, File.ReadAllText(RepositoryFiles.PathOf("src/StackKit.Server/ServerLog.cs")), StringComparison.Ordinal);
        var alarm = resources.GetProperty("RefusedPasswordAlarm").GetProperty("Properties");
        Assert.Equal("""[{"Ref":"AlarmTopic"}]""", alarm.GetProperty("AlarmActions").GetRawText());
        Assert.False(alarm.TryGetProperty("OKActions", out _));
        Assert.Equal("notBreaching", alarm.GetProperty("TreatMissingData").GetString());
        Assert.False(Resources(new HttpServiceOptions { NotificationEmail = "ops@example.com", CentralLogs = false }).TryGetProperty("RefusedPasswordAlarm", out _));
    }

    [Fact]
    public async Task The_function_names_each_change_and_who_made_it_and_skips_the_remover_s_mark()
    {
        Image Pending() => new() { ["Fingerprint"] = S("SHA256:a"), ["Type"] = S("ssh-ed25519"), ["Comment"] = S("bob"), ["AddedBy"] = S("http:203.0.113.9"), ["ExpiresAt"] = N("1800000000"), ["Lifetime"] = N("3600") };
        Image Approved() => new() { ["Fingerprint"] = S("SHA256:a"), ["Type"] = S("ssh-ed25519"), ["Comment"] = S("bob"), ["AddedBy"] = S("http:203.0.113.9"), ["ExpiresAt"] = N("1800000000"), ["ApprovedBy"] = S("arn:aws:iam::123456789012:user/ada") };
        var marked = Approved();
        marked["RemovedBy"] = S("arn:aws:iam::123456789012:user/eve");
        marked["RemovedAt"] = S("2026-12-07T10:00:00.0000000Z");
        // A write that approves under cover of a remover's mark is no mark: it is reported.
        var disguised = Approved();
        disguised["RemovedBy"] = S("arn:aws:iam::123456789012:user/mallory");
        var records = new object[]
        {
            Record("1", "INSERT", null, Pending()),
            Record("2", "MODIFY", Pending(), Approved()),
            Record("3", "MODIFY", Approved(), marked),
            Record("4", "REMOVE", marked, null),
            Record("5", "REMOVE", Pending(), null, new { type = "Service", principalId = "dynamodb.amazonaws.com" }),
            Record("6", "REMOVE", Pending(), null),
            Record("7", "INSERT", null, new Image { ["Fingerprint"] = S("SHA256:b"), ["KeyLine"] = S("ssh-ed25519 AAAA") }),
            Record("8", "MODIFY", Pending(), disguised),
        };

        var lines = (await RunAsync(JsonSerializer.Serialize(new { Records = records }))).Select(line => JsonDocument.Parse(line).RootElement).ToList();

        Assert.Equal(
            [
                ("pending", "http:203.0.113.9", "1"), ("approved", "arn:aws:iam::123456789012:user/ada", "2"), ("removed", "arn:aws:iam::123456789012:user/eve", "4"),
                ("expired", "DynamoDB time to live", "5"), ("denied", "not recorded", "6"), ("added", "not recorded", "7"),
                ("approved", "arn:aws:iam::123456789012:user/ada", "8"),
            ],
            lines.Select(l => (l.GetProperty("change").GetString(), l.GetProperty("by").GetString(), l.GetProperty("eventId").GetString())));
        var first = lines[0];
        Assert.Equal(("ssh-key", "web", "SHA256:a", "ssh-ed25519", "bob"), (first.GetProperty("audit").GetString(), first.GetProperty("stack").GetString(),
            first.GetProperty("fingerprint").GetString(), first.GetProperty("type").GetString(), first.GetProperty("comment").GetString()));
        Assert.Equal(("2026-12-07T10:00:00Z", "2027-01-15T08:00:00Z"), (first.GetProperty("at").GetString(), first.GetProperty("expiresAt").GetString()));
    }

    private static JsonElement Resources(HttpServiceOptions options) =>
        JsonDocument.Parse(TemplateWriter.ToBody(HttpServiceTemplate.Build(options))).RootElement.GetProperty("Resources");

    private sealed class Image : Dictionary<string, Dictionary<string, string>>;

    private static Dictionary<string, string> S(string text) => new() { ["S"] = text };

    private static Dictionary<string, string> N(string number) => new() { ["N"] = number };

    // A record as Lambda hands it over: ApproximateCreationDateTime in epoch seconds (2026-12-07T10:00:00Z).
    private static Dictionary<string, object?> Record(string id, string name, Image? old, Image? @new, object? identity = null)
    {
        var body = new Dictionary<string, object?> { ["ApproximateCreationDateTime"] = 1796637600.0, ["StreamViewType"] = "NEW_AND_OLD_IMAGES" };
        if (old is not null)
        {
            body["OldImage"] = old;
        }
        if (@new is not null)
        {
            body["NewImage"] = @new;
        }
        var record = new Dictionary<string, object?> { ["eventID"] = id, ["eventName"] = name, ["eventSource"] = "aws:dynamodb", ["dynamodb"] = body };
        if (identity is not null)
        {
            record["userIdentity"] = identity;
        }
        return record;
    }

    // The function's code as the template carries it, run by Python with the event: no topic, so no AWS call.
    private static async Task<string[]> RunAsync(string eventJson)
    {
        var folder = Directory.CreateTempSubdirectory("stackkit-key-audit-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "index.py"), KeyAudit.Source);
            var start = new ProcessStartInfo("python3", ["-c", "import index, json, sys; index.handler(json.load(sys.stdin), None)"])
            {
                WorkingDirectory = folder.FullName,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["STACK_NAME"] = "web";
            start.Environment.Remove("TOPIC_ARN");
            using var process = Process.Start(start)!;
            await process.StandardInput.WriteAsync(eventJson);
            process.StandardInput.Close();
            var output = await process.StandardOutput.ReadToEndAsync();
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, errors);
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
