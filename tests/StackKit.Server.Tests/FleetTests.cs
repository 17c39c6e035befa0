using System.Diagnostics;
using System.Globalization;
using System.Net;
using Amazon.DynamoDBv2.Model;
using StackKit.Keys;
using StackKit.Server.Fleet;
using StackKit.Server.Tests.Support;

namespace StackKit.Server.Tests;

/// <summary>
/// Fleet mode end to end: server processes as instances, each with its own .ssh and a real sshd, sharing one key
/// table in moto_server's DynamoDB. Run alone (<see cref="FleetRunsAlone"/>: not beside the other classes' hundreds of concurrent requests), so that
/// the timings measure the fleet rather than the machine's load.
/// </summary>
[Collection(FleetTests.Alone)]
public sealed class FleetTests : IAsyncLifetime
{
    public const string Alone = "fleet, alone";

    private static readonly TimeSpan SyncInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    private readonly List<IAsyncDisposable> running = [];
    private readonly List<TempSshDirectory> directories = [];
    private MotoDynamoDb moto = null!;
    private string table = "";

    public async Task InitializeAsync()
    {
        moto = await MotoDynamoDb.StartAsync();
        table = await moto.CreateKeyTableAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var item in Enumerable.Reverse(running))
        {
            await item.DisposeAsync();
        }

        await moto.DisposeAsync();
        directories.ForEach(directory => directory.Dispose());
    }

    [Fact]
    public async Task A_key_posted_to_one_server_logs_in_everywhere_then_reaches_a_later_server_and_its_deletion_locks_it_out_everywhere()
    {
        var instances = new List<(ServerProcess Server, Sshd Sshd, TempSshDirectory Ssh, string Foreign)>();
        for (var i = 0; i < 3; i++)
        {
            var (ssh, foreign) = SeededDirectory($"instance{i}");
            var server = await StartServerAsync(ssh);
            var sshd = await Sshd.StartAsync(ssh.AuthorizedKeys);
            running.Add(sshd);
            instances.Add((server, sshd, ssh, foreign));
        }

        var user = await UserKeyAsync("fleet-user@laptop");
        var posted = DateTimeOffset.UtcNow;
        await PostUntilAcceptedAsync(instances[0].Server, user.Line);

        // The key's line within the deadline, then a login (whose own time is sshd's, and the machine's).
        foreach (var (instance, i) in instances.Select((instance, i) => (instance, i)))
        {
            var elapsed = await WaitUntilAsync(() => Task.FromResult(instance.Ssh.KeyLines().Contains(user.Key.Line)));
            Assert.True(elapsed < Deadline, $"instance {i} got the key after {elapsed}");
            var (exitCode, output) = await instance.Sshd.LoginAsync(user.PrivateKey);
            Assert.True(exitCode == 0 && output.Contains("logged-in", StringComparison.Ordinal), $"instance {i}: {output}");
        }

        var item = Assert.Single(await moto.ItemsAsync(table));
        Assert.Equal(user.Key.Fingerprint, item["Fingerprint"].S);
        Assert.Equal(user.Key.Line, item["KeyLine"].S);
        Assert.Equal("ssh-ed25519", item["Type"].S);
        Assert.Equal("fleet-user@laptop", item["Comment"].S);
        Assert.Equal("http:127.0.0.1", item["AddedBy"].S);
        var addedAt = DateTimeOffset.ParseExact(item["AddedAt"].S, "O", CultureInfo.InvariantCulture);
        Assert.InRange(addedAt, posted.AddSeconds(-5), DateTimeOffset.UtcNow);
        Assert.EndsWith("Z", item["AddedAt"].S, StringComparison.Ordinal);

        var later = NewDirectory();
        await StartServerAsync(later);
        var reached = await WaitUntilAsync(() => Task.FromResult(File.Exists(later.AuthorizedKeys) && later.KeyLines().Contains(user.Key.Line)));
        Assert.True(reached < Deadline, $"the later server got the key after {reached}");

        await moto.Client.DeleteItemAsync(new DeleteItemRequest
        {
            TableName = table,
            Key = new() { ["Fingerprint"] = new AttributeValue { S = user.Key.Fingerprint } },
        });

        foreach (var (instance, i) in instances.Select((instance, i) => (instance, i)))
        {
            var elapsed = await WaitUntilAsync(() => Task.FromResult(!instance.Ssh.KeyLines().Contains(user.Key.Line)));
            Assert.True(elapsed < Deadline, $"instance {i} lost the key after {elapsed}:\n{instance.Server.Output}");
            Assert.NotEqual(0, (await instance.Sshd.LoginAsync(user.PrivateKey)).ExitCode);
            Assert.Equal(instance.Foreign, await File.ReadAllTextAsync(instance.Ssh.AuthorizedKeys));
            Assert.Empty(Directory.GetFiles(instance.Ssh.KeysDirectory));
        }

        await WaitUntilAsync(() => Task.FromResult(later.AuthorizedKeyLines().Length == 0));
        Assert.Empty(later.AuthorizedKeyLines());
    }

    [Fact]
    public async Task With_key_approval_a_posted_key_is_pending_on_no_server_until_approved_then_everywhere_and_a_denied_key_nowhere()
    {
        var instances = new List<(ServerProcess Server, Sshd Sshd, TempSshDirectory Ssh, string Foreign)>();
        for (var i = 0; i < 3; i++)
        {
            var (ssh, foreign) = SeededDirectory($"instance{i}");
            var server = await StartServerAsync(ssh, keyApproval: true);
            var sshd = await Sshd.StartAsync(ssh.AuthorizedKeys);
            running.Add(sshd);
            instances.Add((server, sshd, ssh, foreign));
        }

        var user = await UserKeyAsync("approved-user@laptop");
        var denied = await UserKeyAsync("denied-user@laptop");
        var answer = await PostUntilAcceptedAsync(instances[0].Server, user.Line, HttpStatusCode.Accepted);
        await PostUntilAcceptedAsync(instances[1].Server, denied.Line, HttpStatusCode.Accepted);

        Assert.Contains($"Key {user.Key.Fingerprint} is pending approval", answer, StringComparison.Ordinal);
        var pending = (await moto.ItemsAsync(table)).Single(item => item["Fingerprint"].S == user.Key.Fingerprint);
        Assert.False(pending.ContainsKey(KeyTableSchema.ApprovedBy));
        Assert.Equal("43200", pending[KeyTableSchema.Lifetime].N);
        // A key the table holds without an approval (added before approval was turned on): a password POST of it is
        // refused, and nothing is written to the server it reached.
        var unapproved = await UserKeyAsync("unapproved-user@laptop");
        await PutItemsAsync([unapproved.Key]);
        var refusal = await PostUntilAcceptedAsync(instances[2].Server, unapproved.Line, HttpStatusCode.Conflict);
        Assert.Contains("without an approval", refusal, StringComparison.Ordinal);

        await Task.Delay(SyncInterval * 3);
        foreach (var (instance, i) in instances.Select((instance, i) => (instance, i)))
        {
            Assert.Equal(instance.Foreign, await File.ReadAllTextAsync(instance.Ssh.AuthorizedKeys));
            Assert.NotEqual(0, (await instance.Sshd.LoginAsync(user.PrivateKey)).ExitCode);
        }

        // The approver's calls, as Approve-HttpServiceSshKey and Deny-HttpServiceSshKey make them.
        var now = DateTimeOffset.UtcNow;
        await moto.Client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = table,
            Key = new() { ["Fingerprint"] = new AttributeValue { S = user.Key.Fingerprint } },
            UpdateExpression = "SET ApprovedBy = :by, ApprovedAt = :at, ExpiresAt = :expires REMOVE Lifetime",
            ConditionExpression = KeyTableSchema.ApproveCondition,
            ExpressionAttributeValues = new()
            {
                [":by"] = new AttributeValue { S = "arn:aws:iam::123456789012:user/approver" },
                [":at"] = new AttributeValue { S = now.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) },
                [":expires"] = new AttributeValue { N = now.AddHours(12).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) },
                [KeyTableSchema.LifetimeValue] = new AttributeValue { N = "43200" },
                [KeyTableSchema.NowValue] = new AttributeValue { N = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) },
            },
        });
        await moto.Client.DeleteItemAsync(new DeleteItemRequest
        {
            TableName = table,
            Key = new() { ["Fingerprint"] = new AttributeValue { S = denied.Key.Fingerprint } },
            ConditionExpression = KeyTableSchema.DenyCondition,
        });

        foreach (var (instance, i) in instances.Select((instance, i) => (instance, i)))
        {
            var elapsed = await WaitUntilAsync(() => Task.FromResult(instance.Ssh.KeyLines().Contains(user.Key.Line)));
            Assert.True(elapsed < Deadline, $"instance {i} got the approved key after {elapsed}:\n{instance.Server.Output}");
            var (exitCode, output) = await instance.Sshd.LoginAsync(user.PrivateKey);
            Assert.True(exitCode == 0 && output.Contains("logged-in", StringComparison.Ordinal), $"instance {i}: {output}");
            Assert.DoesNotContain(denied.Key.Line, instance.Ssh.KeyLines());
            Assert.NotEqual(0, (await instance.Sshd.LoginAsync(denied.PrivateKey)).ExitCode);
        }

        // A POST of the approved key again leaves its approval as it is (the pending put may not replace it).
        var again = await PostUntilAcceptedAsync(instances[2].Server, user.Line);
        Assert.StartsWith("Key successfully saved", again, StringComparison.Ordinal);
        var approved = (await moto.ItemsAsync(table)).Single(item => item["Fingerprint"].S == user.Key.Fingerprint);
        Assert.Equal("arn:aws:iam::123456789012:user/approver", approved[KeyTableSchema.ApprovedBy].S);
        Assert.False(approved.ContainsKey(KeyTableSchema.Lifetime));
    }

    [Fact]
    public async Task With_the_table_gone_or_unreachable_a_POST_gets_503_and_no_server_loses_a_key()
    {
        var first = NewDirectory();
        var second = NewDirectory();
        var firstServer = await StartServerAsync(first);
        await StartServerAsync(second);
        var key = TestKeys.Ed25519("kept through the outage");
        await PostUntilAcceptedAsync(firstServer, key);

        await WaitUntilAsync(() => Task.FromResult(File.Exists(second.AuthorizedKeys) && second.KeyLines().Contains(key)));
        var (firstBefore, secondBefore) = (first.Snapshot(), second.Snapshot());

        await moto.Client.DeleteTableAsync(table);
        await Task.Delay(SyncInterval * 3);
        Assert.Equal(firstBefore, first.Snapshot());
        Assert.Equal(secondBefore, second.Snapshot());

        await moto.StopAsync();
        using var refused = await firstServer.PostKeyFileAsync(TestKeys.Ed25519("during the outage") + "\n");
        await Task.Delay(SyncInterval * 3);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);
        Assert.Contains("nothing changed", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(firstBefore, first.Snapshot());
        Assert.Equal(secondBefore, second.Snapshot());
    }

    [Fact]
    public async Task SIGKILL_mid_sync_leaves_whole_files_and_the_restarted_server_completes_the_sync()
    {
        var keys = Enumerable.Range(0, 1000).Select(i => OpenSshPublicKey.Parse(TestKeys.Ed25519($"bulk{i}"))).ToList();
        await PutItemsAsync(keys);
        var ssh = NewDirectory();

        var server = await StartServerAsync(ssh, waitForFirstSync: false);
        await WaitUntilAsync(() => Task.FromResult(Directory.Exists(ssh.KeysDirectory) && Directory.GetFiles(ssh.KeysDirectory).Length >= 200));
        await server.KillAsync();
        AssertWhole(ssh);

        var restarted = await StartServerAsync(ssh, waitForFirstSync: false);
        await WaitUntilAsync(() => Task.FromResult(File.Exists(ssh.AuthorizedKeys) && ssh.AuthorizedKeyLines().Length == 1000));
        Assert.Equal(keys.Select(k => k.Line).Order(), ssh.KeyLines().Order());
        Assert.Equal(1000, await ssh.KeysSshKeygenListsAsync());

        await DeleteItemsAsync(keys[..500]);
        await WaitUntilAsync(() => Task.FromResult(ssh.AuthorizedKeyLines().Length < 1000 || Directory.GetFiles(ssh.KeysDirectory).Length < 1000));
        await restarted.KillAsync();
        AssertWhole(ssh);

        await StartServerAsync(ssh);
        await WaitUntilAsync(() => Task.FromResult(ssh.AuthorizedKeyLines().Length == 500 && Directory.GetFiles(ssh.KeysDirectory).Length == 500));
        Assert.Equal(keys[500..].Select(k => k.Line).Order(), ssh.KeyLines().Order());
        Assert.Empty(Directory.GetFiles(ssh.Path, ".*.tmp", SearchOption.AllDirectories));
    }

    /// <summary>Every line of authorized_keys and every key file is a whole key line.</summary>
    private static void AssertWhole(TempSshDirectory ssh)
    {
        if (File.Exists(ssh.AuthorizedKeys))
        {
            var content = File.ReadAllText(ssh.AuthorizedKeys);
            Assert.True(content.Length == 0 || content.EndsWith('\n'), "authorized_keys ends inside a line");
            Assert.All(ssh.KeyLines(), line => OpenSshPublicKey.Parse(line));
        }

        foreach (var file in Directory.GetFiles(ssh.KeysDirectory).Where(f => !Path.GetFileName(f).StartsWith('.')))
        {
            var text = File.ReadAllText(file);
            Assert.EndsWith("\n", text, StringComparison.Ordinal);
            OpenSshPublicKey.Parse(TempSshDirectory.KeyLineOf(text[..^1]));
        }
    }

    /// <summary>Starts a server and waits for its first sync to have begun writing (the store's lock file exists), so
    /// that its AWS client is warm: a cold first call on this loaded machine can outlast the 5 s call timeout.</summary>
    private async Task<ServerProcess> StartServerAsync(TempSshDirectory ssh, bool waitForFirstSync = true, bool keyApproval = false)
    {
        var environment = moto.ServerEnvironment(table, SyncInterval);
        if (keyApproval)
        {
            environment["KeyInjection__Fleet__KeyApproval"] = "true";
        }

        var server = await ServerProcess.StartAsync(ssh.Path, environment: environment);
        running.Add(server);
        if (waitForFirstSync)
        {
            await WaitUntilAsync(() => Task.FromResult(File.Exists(Path.Combine(ssh.Path, ".authorized_keys.lock"))));
        }

        return server;
    }

    [Fact]
    public async Task A_flood_of_pending_keys_stops_at_the_cap_with_429_and_every_server_keeps_syncing()
    {
        // The cap's worth of keys waiting for approval, as earlier password POSTs left them, and one approved key.
        var now = DateTimeOffset.UtcNow;
        var waiting = Enumerable.Range(0, KeyTable.MaxPendingKeys).Select(i => OpenSshPublicKey.Parse(TestKeys.Ed25519($"flood-{i}"))).ToList();
        foreach (var chunk in waiting.Chunk(25))
        {
            await moto.Client.BatchWriteItemAsync(new BatchWriteItemRequest
            {
                RequestItems = new()
                {
                    [table] = [.. chunk.Select(key => new WriteRequest(new PutRequest(KeyTableItem.WritePending(key, now, "http:127.0.0.1", null)
                        .ToDictionary(pair => pair.Key, pair => KeyTableSchema.IsNumber(pair.Key) ? new AttributeValue { N = pair.Value } : new AttributeValue { S = pair.Value }))))],
                },
            });
        }

        var approved = await UserKeyAsync("approved-user@laptop");
        var approvedItem = KeyTableItem.Write(approved.Key, now, "arn:aws:iam::123456789012:user/test", now.AddHours(12))
            .ToDictionary(pair => pair.Key, pair => KeyTableSchema.IsNumber(pair.Key) ? new AttributeValue { N = pair.Value } : new AttributeValue { S = pair.Value });
        approvedItem[KeyTableSchema.ApprovedBy] = new AttributeValue { S = "arn:aws:iam::123456789012:user/approver" };
        approvedItem[KeyTableSchema.ApprovedAt] = new AttributeValue { S = now.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) };
        await moto.Client.PutItemAsync(new PutItemRequest { TableName = table, Item = approvedItem });
        var (ssh, foreign) = SeededDirectory("capped");
        var server = await StartServerAsync(ssh, keyApproval: true);
        var late = await UserKeyAsync("late-user@laptop");

        var refusal = await PostUntilAcceptedAsync(server, late.Line, HttpStatusCode.TooManyRequests);

        Assert.StartsWith($"The key table holds {KeyTable.MaxPendingKeys} keys waiting for approval, the most it takes, so key {late.Key.Fingerprint} was not added (nothing changed).", refusal, StringComparison.Ordinal);
        var items = await moto.ItemsAsync(table);
        Assert.DoesNotContain(items, item => item["Fingerprint"].S == late.Key.Fingerprint);
        Assert.Equal(KeyTable.MaxPendingKeys + 1, items.Count);
        // A key already in the table adds no item: the flood locks out neither a waiting key posted again nor an approved one.
        await PostUntilAcceptedAsync(server, waiting[0].Line, HttpStatusCode.Accepted);
        await PostUntilAcceptedAsync(server, approved.Line);
        Assert.Equal(KeyTable.MaxPendingKeys + 1, (await moto.ItemsAsync(table)).Count);
        // The sync goes on: the approved key reaches the server, no pending one does.
        var elapsed = await WaitUntilAsync(() => Task.FromResult(ssh.KeyLines().Contains(approved.Key.Line)));
        Assert.True(elapsed < Deadline, $"the approved key arrived after {elapsed}:\n{server.Output}");
        Assert.DoesNotContain(waiting[0].Line, ssh.KeyLines());
        Assert.StartsWith(foreign, await File.ReadAllTextAsync(ssh.AuthorizedKeys), StringComparison.Ordinal);
    }

    private TempSshDirectory NewDirectory()
    {
        var ssh = new TempSshDirectory();
        directories.Add(ssh);
        return ssh;
    }

    /// <summary>A directory whose authorized_keys already holds lines the service must never touch.</summary>
    private (TempSshDirectory Ssh, string Foreign) SeededDirectory(string name)
    {
        var ssh = NewDirectory();
        Directory.CreateDirectory(ssh.Path);
        var foreign = $"{TestKeys.Ed25519($"{name} ec2 key pair")}\n# added by hand:\n{TestKeys.Rsa(2048, $"{name} admin")}\n"
            + $"from=\"10.0.0.0/8\" {TestKeys.Ed25519($"{name} restricted")}\n";
        File.WriteAllText(ssh.AuthorizedKeys, foreign);
        return (ssh, foreign);
    }

    private async Task<(string PrivateKey, string Line, OpenSshPublicKey Key)> UserKeyAsync(string name)
    {
        var directory = NewDirectory();
        Directory.CreateDirectory(directory.Path);
        var privateKey = await Tool.GenerateKeyPairAsync(directory.Path, name);
        var line = File.ReadAllText(privateKey + ".pub").TrimEnd('\n');
        return (privateKey, line, OpenSshPublicKey.Parse(line));
    }

    private async Task PutItemsAsync(IEnumerable<OpenSshPublicKey> keys)
    {
        foreach (var chunk in keys.Chunk(25))
        {
            await moto.Client.BatchWriteItemAsync(new BatchWriteItemRequest
            {
                RequestItems = new()
                {
                    [table] = [.. chunk.Select(key => new WriteRequest(new PutRequest(new()
                    {
                        ["Fingerprint"] = new AttributeValue { S = key.Fingerprint },
                        ["KeyLine"] = new AttributeValue { S = key.Line },
                        ["Type"] = new AttributeValue { S = key.Type },
                        ["AddedAt"] = new AttributeValue { S = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture) },
                        ["AddedBy"] = new AttributeValue { S = "arn:aws:iam::123456789012:user/test" },
                    })))],
                },
            });
        }
    }

    private async Task DeleteItemsAsync(IEnumerable<OpenSshPublicKey> keys)
    {
        foreach (var chunk in keys.Chunk(25))
        {
            await moto.Client.BatchWriteItemAsync(new BatchWriteItemRequest
            {
                RequestItems = new()
                {
                    [table] = [.. chunk.Select(key => new WriteRequest(new DeleteRequest(new()
                    {
                        ["Fingerprint"] = new AttributeValue { S = key.Fingerprint },
                    })))],
                },
            });
        }
    }

    /// <summary>Polls until the condition holds (or a minute passes); returns how long it took.</summary>
    private static async Task<TimeSpan> WaitUntilAsync(Func<Task<bool>> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition() && watch.Elapsed < TimeSpan.FromMinutes(1))
        {
            await Task.Delay(200);
        }

        return watch.Elapsed;
    }

    // A 503 means moto answered slower than the server's per-call limit (a loaded machine): retry as Retry-After
    // asks, as any client would; anything else fails the test.
    private static async Task<string> PostUntilAcceptedAsync(ServerProcess server, string keyLine, HttpStatusCode accepted = HttpStatusCode.OK)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var response = await server.PostKeyFileAsync(keyLine + "\n");
            if (response.StatusCode == accepted)
            {
                return await response.Content.ReadAsStringAsync();
            }
            // 503 is the server's answer while the table is slow to answer (its calls give up after 5 s): a client retries
            // as Retry-After says, here for up to a minute, as a loaded machine's moto_server can take that long.
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < 12, await response.Content.ReadAsStringAsync() + server.Output);
            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(5));
        }
    }
}
