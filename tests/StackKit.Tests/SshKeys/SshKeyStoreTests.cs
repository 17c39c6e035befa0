using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using StackKit.Aws;
using StackKit.HttpService;
using StackKit.SshKeys;
using StackKit.Stacks;
using StackKit.Server.Tests.Support;
using StackKit.Tests.Moto;

namespace StackKit.Tests.SshKeys;

/// <summary>The facade's key operations on moto, where CloudFormation creates the stack's key table from the template.</summary>
[Collection(UsesMoto.Name)]
public sealed class SshKeyStoreTests(MotoServer moto) : ServiceOnMoto(moto)
{
    [Fact]
    public async Task Add_writes_one_item_of_the_agreed_shape_recording_the_caller_as_AddedBy()
    {
        var table = await CreateStackAsync("web");
        var line = Ed25519("alice@laptop");

        var result = await Service.AddSshKeyAsync(new SshKeyAddRequest { StackName = "web", PublicKey = line });

        Assert.Equal(SshKeyAddOutcome.Added, result.Outcome);
        var item = Assert.Single(await ScanAsync(table));
        var callerArn = (await Moto.AwsJsonAsync("sts", "get-caller-identity")).GetProperty("Arn").GetString();
        Assert.Equal(result.Key.Fingerprint, item["Fingerprint"]);
        Assert.Equal(line, item["KeyLine"]);
        Assert.Equal("ssh-ed25519", item["Type"]);
        Assert.Equal("alice@laptop", item["Comment"]);
        Assert.Equal(callerArn, item["AddedBy"]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$", item["AddedAt"]);
        Assert.InRange(DateTimeOffset.Parse(item["AddedAt"], CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow);
        // The stack's default lifetime (its SshKeyLifetimeHours output, 12): Unix seconds, the table's TTL attribute.
        Assert.InRange(DateTimeOffset.FromUnixTimeSeconds(long.Parse(item["ExpiresAt"], CultureInfo.InvariantCulture)),
            DateTimeOffset.UtcNow.AddHours(12).AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(12));
        Assert.Equal(result.Key.ExpiresAt, DateTimeOffset.FromUnixTimeSeconds(long.Parse(item["ExpiresAt"], CultureInfo.InvariantCulture)));
        Assert.Equal(7, item.Count);
    }

    [Fact]
    public async Task The_fingerprint_is_the_one_ssh_keygen_prints_and_a_key_without_comment_has_no_Comment_attribute()
    {
        var table = await CreateStackAsync("web");
        var folder = Directory.CreateTempSubdirectory("stackkit-keygen-");
        try
        {
            var file = Path.Combine(folder.FullName, "id");
            Assert.Equal(0, await RunAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "", "-f", file));
            var line = (await File.ReadAllTextAsync(file + ".pub")).TrimEnd('\n');
            var printed = await OutputOfAsync("ssh-keygen", "-l", "-f", file + ".pub");

            var result = await Service.AddSshKeyAsync(new SshKeyAddRequest { StackName = "web", PublicKey = line });

            Assert.Equal(printed.Split(' ')[1], result.Key.Fingerprint);
            Assert.Null(result.Key.Comment);
            Assert.DoesNotContain("Comment", Assert.Single(await ScanAsync(table)).Keys);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Adding_a_key_twice_is_one_item_and_keeps_who_added_it_first_and_when()
    {
        var table = await CreateStackAsync("web");
        var line = Ed25519("bob");
        var first = await Service.AddSshKeyAsync(new SshKeyAddRequest { StackName = "web", PublicKey = line });

        var again = await Service.AddSshKeyAsync(new SshKeyAddRequest { StackName = "web", PublicKey = line });

        Assert.Equal(SshKeyAddOutcome.AlreadyPresent, again.Outcome);
        Assert.Equal((first.Key.AddedAt, first.Key.AddedBy), (again.Key.AddedAt, again.Key.AddedBy));
        Assert.Equal(first.Key.AddedAt?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), Assert.Single(await ScanAsync(table))["AddedAt"]);
    }

    [Theory]
    [InlineData("from=\"10.0.0.1\" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl", "options")]
    [InlineData("ssh-dss AAAAB3NzaC1kc3MAAACBAP", "DSA")]
    [InlineData("ssh-ed25519 not-base64!", "base64")]
    [InlineData("", "empty")]
    public async Task A_refused_key_names_why_and_nothing_is_written(string line, string reason)
    {
        var table = await CreateStackAsync("web");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Service.AddSshKeyAsync(new SshKeyAddRequest { StackName = "web", PublicKey = line }));

        Assert.Contains(reason, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("The public key is refused: ", error.Message, StringComparison.Ordinal);
        Assert.Empty(await ScanAsync(table));
    }

    [Fact]
    public async Task The_server_refuses_what_the_facade_refuses_one_validation_for_both()
    {
        await CreateStackAsync("web");
        // A comment the shared rules refuse (a no-break space) is refused here exactly as the server refuses it.
        var line = Ed25519("alice\u00A0admin");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Service.AddSshKeyAsync(new SshKeyAddRequest { StackName = "web", PublicKey = line }));

        var server = Assert.Throws<FormatException>(() => StackKit.Keys.OpenSshPublicKey.Parse(line));
        Assert.Equal("The public key is refused: " + server.Message + " (Parameter 'publicKey')", error.Message);
    }

    [Fact]
    public async Task List_returns_every_key_oldest_first_including_keys_the_servers_added()
    {
        var table = await CreateStackAsync("web");
        var posted = Ed25519("posted");
        var fingerprint = SshKeyFingerprint(posted);
        await Moto.AwsJsonAsync("dynamodb", "put-item", "--table-name", table, "--item", JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["Fingerprint"] = new { S = fingerprint },
            ["KeyLine"] = new { S = posted },
            ["Type"] = new { S = "ssh-ed25519" },
            ["Comment"] = new { S = "posted" },
            ["AddedAt"] = new { S = "2026-01-02T03:04:05.0000000Z" },
            ["AddedBy"] = new { S = "http:203.0.113.7" },
        }));
        await Service.AddSshKeyAsync(new SshKeyAddRequest { StackName = "web", PublicKey = Ed25519("carol") });

        var keys = await Service.ListSshKeysAsync("web");

        Assert.Equal(["posted", "carol"], keys.Select(k => k.Comment));
        var first = keys[0];
        Assert.Equal((fingerprint, "ssh-ed25519", "http:203.0.113.7", "web"), (first.Fingerprint, first.Type, first.AddedBy, first.StackName));
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), first.AddedAt);
    }

    [Fact]
    public async Task Items_written_by_other_means_are_listed_but_trusted_only_as_far_as_they_check_out()
    {
        var table = await CreateStackAsync("web");
        var good = Ed25519("good");
        var other = Ed25519("other");
        // What a caller with the servers' role could write: a valid line under another key's fingerprint, escapes
        // for the terminal of whoever lists the keys, and a line the shared rules refuse.
        await PutAsync(table, SshKeyFingerprint(good), other, "\u001b]0;owned\u0007", "\u001b[2J");
        await PutAsync(table, "SHA256:" + new string('A', 43), "ssh-ed25519 AAAA \u001b[31mred", "ssh-ed25519", "arn:aws:iam::123456789012:user/x");

        var keys = await Service.ListSshKeysAsync("web");

        Assert.Equal(2, keys.Count);
        Assert.All(keys, key => Assert.False(key.IsValid));
        var texts = keys.SelectMany(k => new[] { k.Fingerprint, k.Type, k.Comment, k.AddedBy, k.KeyLine }).OfType<string>();
        Assert.DoesNotContain(texts, text => text.Any(char.IsControl));
        Assert.Contains(keys, k => (k.Type, k.AddedBy) == ("\uFFFD]0;owned\uFFFD", "\uFFFD[2J"));
        Assert.True((await Service.AddSshKeyAsync(new SshKeyAddRequest { StackName = "web", PublicKey = Ed25519("real") })).Key.IsValid);
        Assert.Single(await Service.ListSshKeysAsync("web"), k => k.IsValid);
    }

    [Fact]
    public async Task List_reads_every_page_of_a_table_larger_than_one_scan_page()
    {
        var table = await CreateStackAsync("web");
        // DynamoDB returns at most 1 MB per Scan page: 300 items of ~4 KB span two pages or more.
        var padding = new string('x', 4000);
        for (var i = 0; i < 300; i++)
        {
            await Aws.DynamoDB.PutItemAsync(new PutItemRequest
            {
                TableName = table,
                Item = new() { ["Fingerprint"] = new() { S = $"SHA256:{i:D43}" }, ["AddedBy"] = new() { S = padding } },
            });
        }
        var firstPage = await Aws.DynamoDB.ScanAsync(new ScanRequest { TableName = table, ConsistentRead = true });
        Assert.True(firstPage.LastEvaluatedKey is { Count: > 0 }, "the table must span more than one page for this test");

        var keys = await Service.ListSshKeysAsync("web");

        Assert.Equal(300, keys.Select(k => k.Fingerprint).Distinct().Count());
    }

    [Fact]
    public async Task Remove_deletes_the_item_and_a_second_remove_says_it_did_not_exist()
    {
        var table = await CreateStackAsync("web");
        var kept = await Service.AddSshKeyAsync(new SshKeyAddRequest { StackName = "web", PublicKey = Ed25519("kept") });
        var gone = await Service.AddSshKeyAsync(new SshKeyAddRequest { StackName = "web", PublicKey = Ed25519("gone") });

        Assert.Equal(SshKeyRemoveOutcome.Removed, await Service.RemoveSshKeyAsync("web", gone.Key.Fingerprint));
        Assert.Equal(SshKeyRemoveOutcome.DidNotExist, await Service.RemoveSshKeyAsync("web", gone.Key.Fingerprint));

        Assert.Equal([kept.Key.Fingerprint], (await ScanAsync(table)).Select(item => item["Fingerprint"]));
    }

    [Fact]
    public async Task Add_refuses_a_private_key_with_the_one_message_quoting_none_of_it_and_writes_nothing()
    {
        var table = await CreateStackAsync("web");
        foreach (var privateKey in await PrivateKeys.AllAsync())
        {
            var error = await Assert.ThrowsAsync<ArgumentException>(() => Service.AddSshKeyAsync(new SshKeyAddRequest { StackName = "web", PublicKey = privateKey }));

            Assert.Equal("publicKey", error.ParamName);
            Assert.Contains(StackKit.Keys.PrivateKeyText.Refusal, error.Message, StringComparison.Ordinal);
            PrivateKeys.AssertNotIn(privateKey, error.ToString());
        }

        Assert.Empty(await ScanAsync(table));
    }

    [Fact]
    public async Task Remove_refuses_a_fingerprint_with_bits_past_the_hash_that_the_server_would_never_match()
    {
        await CreateStackAsync("web");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Service.RemoveSshKeyAsync("web", "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFV"));

        Assert.Contains("is not an SSH key fingerprint", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU")]
    [InlineData("MD5:16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48")]
    [InlineData("SHA256:*")]
    public async Task Remove_refuses_what_is_not_a_fingerprint_before_touching_the_table(string fingerprint)
    {
        var table = await CreateStackAsync("web");
        await Service.AddSshKeyAsync(new SshKeyAddRequest { StackName = "web", PublicKey = Ed25519("kept") });

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Service.RemoveSshKeyAsync("web", fingerprint));

        Assert.Contains("is not an SSH key fingerprint", error.Message, StringComparison.Ordinal);
        Assert.Single(await ScanAsync(table));
    }

    [Fact]
    public async Task A_stack_without_the_key_store_says_so_and_how_to_get_one()
    {
        await Service.CreateAsync(new HttpServiceStackRequest { StackName = "per-server", Template = new HttpServiceOptions { FleetKeyStore = false } });

        var add = await Assert.ThrowsAsync<SshKeyStoreMissingException>(() => Service.AddSshKeyAsync(new SshKeyAddRequest { StackName = "per-server", PublicKey = Ed25519("x") }));
        var list = await Assert.ThrowsAsync<SshKeyStoreMissingException>(() => Service.ListSshKeysAsync("per-server"));
        var remove = await Assert.ThrowsAsync<SshKeyStoreMissingException>(() => Service.RemoveSshKeyAsync("per-server", "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU"));

        Assert.All(new[] { add, list, remove }, error => Assert.Equal("per-server", error.StackName));
        Assert.Contains("has no SSH key store", add.Message, StringComparison.Ordinal);
        Assert.Contains("created without the fleet key store", add.Message, StringComparison.Ordinal);
        Assert.Contains("key store (the default", add.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stack_whose_table_is_gone_names_the_table_instead_of_a_bare_DynamoDB_error()
    {
        var table = await CreateStackAsync("web");
        await Moto.AwsJsonAsync("dynamodb", "delete-table", "--table-name", table);

        var error = await Assert.ThrowsAsync<SshKeyStoreMissingException>(() => Service.ListSshKeysAsync("web"));

        Assert.Contains($"names the key table '{table}', which does not exist", error.Message, StringComparison.Ordinal);
        Assert.Equal("ResourceNotFoundException", Assert.IsType<AwsServiceException>(error.InnerException).ErrorCode);
    }

    [Fact]
    public async Task A_missing_stack_and_a_stack_StackKit_did_not_create_are_refused()
    {
        await Assert.ThrowsAsync<StackNotFoundException>(() => Service.ListSshKeysAsync("nowhere"));
        // A stack of someone else's that happens to have a KeyTable output is not written to.
        var template = Path.Combine(Path.GetTempPath(), $"foreign-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(template, """
            {"Resources":{"KeyTable":{"Type":"AWS::DynamoDB::Table","Properties":{"BillingMode":"PAY_PER_REQUEST",
             "AttributeDefinitions":[{"AttributeName":"Fingerprint","AttributeType":"S"}],"KeySchema":[{"AttributeName":"Fingerprint","KeyType":"HASH"}]}}},
             "Outputs":{"KeyTable":{"Value":{"Ref":"KeyTable"}}}}
            """);
        try
        {
            await Moto.AwsJsonAsync("cloudformation", "create-stack", "--stack-name", "foreign", "--template-body", $"file://{template}");
        }
        finally
        {
            File.Delete(template);
        }

        await Assert.ThrowsAsync<StackNotManagedException>(() => Service.AddSshKeyAsync(new SshKeyAddRequest { StackName = "foreign", PublicKey = Ed25519("intruder") }));

        var table = (await Moto.AwsJsonAsync("dynamodb", "list-tables")).GetProperty("TableNames")[0].GetString()!;
        Assert.Empty(await ScanAsync(table));
    }

    [Fact]
    public async Task With_key_approval_an_approver_approves_a_pending_key_recording_themself_and_denies_another()
    {
        var table = await CreateStackAsync("web", keyApproval: true);
        var pendingLine = Ed25519("posted with the password");
        var deniedLine = Ed25519("denied");
        var now = DateTimeOffset.UtcNow;
        foreach (var line in new[] { pendingLine, deniedLine })
        {
            var pending = Keys.KeyTableItem.WritePending(Keys.OpenSshPublicKey.Parse(line), now, "http:203.0.113.9", TimeSpan.FromHours(2));
            await Aws.DynamoDB.PutItemAsync(new PutItemRequest
            {
                TableName = table,
                Item = pending.ToDictionary(pair => pair.Key, pair => Keys.KeyTableSchema.IsNumber(pair.Key) ? new AttributeValue { N = pair.Value } : new AttributeValue { S = pair.Value }),
            });
        }

        Assert.All(await Service.ListSshKeysAsync("web"), key => Assert.Equal(SshKeyState.Pending, key.State));
        var approved = await Service.ApproveSshKeyAsync("web", SshKeyFingerprint(pendingLine));
        var again = await Service.ApproveSshKeyAsync("web", SshKeyFingerprint(pendingLine));
        var denied = await Service.DenySshKeyAsync("web", SshKeyFingerprint(deniedLine));

        var callerArn = (await Moto.AwsJsonAsync("sts", "get-caller-identity")).GetProperty("Arn").GetString();
        Assert.Equal(SshKeyApproveOutcome.Approved, approved.Outcome);
        Assert.Equal((SshKeyState.Approved, callerArn), (approved.Key!.State, approved.Key.ApprovedBy));
        Assert.InRange(approved.Key.ExpiresAt!.Value, DateTimeOffset.UtcNow.AddHours(2).AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(2));
        Assert.Equal(SshKeyApproveOutcome.AlreadyApproved, again.Outcome);
        Assert.Equal(SshKeyDenyOutcome.Denied, denied);
        var item = Assert.Single(await ScanAsync(table));
        Assert.Equal(callerArn, item["ApprovedBy"]);
        Assert.DoesNotContain("Lifetime", item.Keys);
        Assert.Equal(SshKeyDenyOutcome.NotPending, await Service.DenySshKeyAsync("web", SshKeyFingerprint(pendingLine)));
        Assert.Equal(SshKeyDenyOutcome.DidNotExist, await Service.DenySshKeyAsync("web", SshKeyFingerprint(deniedLine)));
        Assert.Equal(SshKeyApproveOutcome.NotPending, (await Service.ApproveSshKeyAsync("web", SshKeyFingerprint(deniedLine))).Outcome);
    }

    [Fact]
    public async Task With_key_approval_an_add_by_a_caller_allowed_to_approve_is_approved_at_once()
    {
        var table = await CreateStackAsync("web", keyApproval: true);

        var result = await Service.AddSshKeyAsync(new SshKeyAddRequest { StackName = "web", PublicKey = Ed25519("admin"), ValidFor = TimeSpan.FromHours(3) });

        Assert.Equal(SshKeyAddOutcome.Added, result.Outcome);
        Assert.Equal(SshKeyState.Approved, result.Key.State);
        var item = Assert.Single(await ScanAsync(table));
        Assert.Equal(item["AddedBy"], item["ApprovedBy"]);
        Assert.InRange(DateTimeOffset.FromUnixTimeSeconds(long.Parse(item["ExpiresAt"], CultureInfo.InvariantCulture)),
            DateTimeOffset.UtcNow.AddHours(3).AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(3));
    }

    private async Task<string> CreateStackAsync(string name, bool keyApproval = false)
    {
        var stack = await Service.CreateAsync(new HttpServiceStackRequest { StackName = name, Template = keyApproval ? new HttpServiceOptions { KeyApproval = true } : null });
        return stack.Outputs[HttpServiceNames.KeyTableOutput];
    }

    internal static string Ed25519(string? comment)
    {
        var type = "ssh-ed25519"u8.ToArray();
        var key = RandomNumberGenerator.GetBytes(32);
        byte[] blob = [0, 0, 0, (byte)type.Length, .. type, 0, 0, 0, 32, .. key];
        var line = "ssh-ed25519 " + Convert.ToBase64String(blob);
        return comment is null ? line : line + " " + comment;
    }

    private static string SshKeyFingerprint(string line) =>
        "SHA256:" + Convert.ToBase64String(SHA256.HashData(Convert.FromBase64String(line.Split(' ')[1]))).TrimEnd('=');

    private Task<PutItemResponse> PutAsync(string table, string fingerprint, string keyLine, string type, string addedBy) =>
        Aws.DynamoDB.PutItemAsync(new PutItemRequest
        {
            TableName = table,
            Item = new()
            {
                ["Fingerprint"] = new() { S = fingerprint },
                ["KeyLine"] = new() { S = keyLine },
                ["Type"] = new() { S = type },
                ["AddedAt"] = new() { S = "2026-01-02T03:04:05.0000000Z" },
                ["AddedBy"] = new() { S = addedBy },
            },
        });

    private async Task<List<Dictionary<string, string>>> ScanAsync(string table)
    {
        var items = (await Moto.AwsJsonAsync("dynamodb", "scan", "--table-name", table, "--consistent-read")).GetProperty("Items");
        return [.. items.EnumerateArray().Select(item => item.EnumerateObject().ToDictionary(a => a.Name, a => (a.Value.TryGetProperty("S", out var text) ? text : a.Value.GetProperty("N")).GetString()!))];
    }

    private static async Task<int> RunAsync(string file, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    private static async Task<string> OutputOfAsync(string file, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, StandardOutputEncoding = Encoding.UTF8 })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return output;
    }
}
