using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Microsoft.Extensions.Logging.Abstractions;
using StackKit.Keys;
using StackKit.Server.Fleet;
using StackKit.Server.Storage;
using StackKit.Server.Tests.Support;

namespace StackKit.Server.Tests;

/// <summary>The sync loop's reading rules, with a table whose pages are scripted.</summary>
public sealed class KeyTableSyncTests : IDisposable
{
    private readonly TempSshDirectory ssh = new();
    private readonly OpenSshPublicKey first = OpenSshPublicKey.Parse(TestKeys.Ed25519("first page"));
    private readonly OpenSshPublicKey second = OpenSshPublicKey.Parse(TestKeys.Ed25519("second page"));

    public void Dispose() => ssh.Dispose();

    [Fact]
    public async Task A_read_that_fails_after_its_first_page_changes_nothing()
    {
        var store = new AuthorizedKeysStore(ssh.Path, allowForwarding: true);
        await store.SyncAsync([first, second], new HashSet<string> { first.Fingerprint, second.Fingerprint });
        var before = ssh.Snapshot();
        using var client = new ScriptedPages([Item(first)], secondPageFails: true);

        var result = await Sync(client, store).SyncOnceAsync(CancellationToken.None);

        Assert.Null(result);
        Assert.Equal(2, client.Calls);
        Assert.Equal(before, ssh.Snapshot());
    }

    [Fact]
    public async Task Every_page_is_read_and_an_item_that_is_not_a_valid_key_keeps_its_key()
    {
        var store = new AuthorizedKeysStore(ssh.Path, allowForwarding: true);
        await store.SyncAsync([first, second], new HashSet<string> { first.Fingerprint, second.Fingerprint });
        var broken = Item(second);
        broken["KeyLine"] = new AttributeValue { S = "ssh-ed25519 not-a-key" };
        using var client = new ScriptedPages([Item(first)], secondPage: [broken]);

        var result = await Sync(client, store).SyncOnceAsync(CancellationToken.None);

        Assert.Equal(new KeySyncResult(0, 0, 0), result);
        Assert.Equal(2, client.Calls);
        Assert.Equal([first.Line, second.Line], ssh.AuthorizedKeyLines());
    }

    [Fact]
    public async Task An_expired_item_DynamoDB_has_not_deleted_yet_takes_its_key_away_and_an_unexpired_one_keeps_its_expiry_on_the_line()
    {
        var store = new AuthorizedKeysStore(ssh.Path);
        var now = DateTimeOffset.UtcNow;
        var later = now.AddHours(2);
        await store.SyncAsync([new KeyGrant(first, now.AddHours(1)), new KeyGrant(second, null)], new HashSet<string> { first.Fingerprint, second.Fingerprint }, now);
        using var client = new ScriptedPages([Item(first, now.AddSeconds(-1))], secondPage: [Item(second, later)]);

        var result = await Sync(client, store).SyncOnceAsync(CancellationToken.None);

        // The second key's grant changed (a longer one from the table): its line is replaced, not duplicated.
        Assert.Equal(new KeySyncResult(1, 2, 0), result);
        Assert.Equal([AuthorizedKeyLine.Format(second, later, allowForwarding: false)], ssh.AuthorizedKeyLines());
        Assert.Single(Directory.GetFiles(ssh.KeysDirectory));
    }

    [Fact]
    public async Task An_item_whose_expiry_cannot_be_read_counts_as_expired()
    {
        var store = new AuthorizedKeysStore(ssh.Path);
        await store.SyncAsync([new KeyGrant(first, null), new KeyGrant(second, null)], new HashSet<string> { first.Fingerprint, second.Fingerprint }, DateTimeOffset.UtcNow);
        var broken = Item(first);
        broken[KeyTableSchema.ExpiresAt] = new AttributeValue { S = "tomorrow" };
        using var client = new ScriptedPages([broken], secondPage: [Item(second)]);

        await Sync(client, store).SyncOnceAsync(CancellationToken.None);

        Assert.Equal([AuthorizedKeyLine.Format(second, null, allowForwarding: false)], ssh.AuthorizedKeyLines());
    }

    [Fact]
    public async Task With_the_table_unreadable_the_expired_lines_still_go_and_the_valid_ones_stay()
    {
        var store = new AuthorizedKeysStore(ssh.Path);
        var now = DateTimeOffset.UtcNow;
        await store.SyncAsync([new KeyGrant(first, now.AddSeconds(1)), new KeyGrant(second, now.AddHours(1))], new HashSet<string> { first.Fingerprint, second.Fingerprint }, now);
        using var client = new ScriptedPages([Item(first)], secondPageFails: true);
        var time = new ShiftedTime(TimeSpan.FromSeconds(2));

        var result = await new KeyTableSync(new KeyTable(client, "keys", maxItems: 100), store, TimeSpan.FromSeconds(10), time, NullLogger<KeyTableSync>.Instance)
            .SyncOnceAsync(CancellationToken.None);

        Assert.Null(result);
        Assert.Equal([AuthorizedKeyLine.Format(second, DateTimeOffset.FromUnixTimeSeconds(now.AddHours(1).ToUnixTimeSeconds()), allowForwarding: false)], ssh.AuthorizedKeyLines());
    }

    [Fact]
    public async Task With_key_approval_only_approved_items_are_applied_and_a_key_that_lost_its_approval_is_taken_away()
    {
        var store = new AuthorizedKeysStore(ssh.Path);
        var now = DateTimeOffset.UtcNow;
        var third = OpenSshPublicKey.Parse(TestKeys.Ed25519("approver forged by the server role"));
        await store.SyncAsync([new KeyGrant(first, null)], new HashSet<string> { first.Fingerprint }, now);
        var pending = Item(first, now.AddHours(24));
        pending[KeyTableSchema.Lifetime] = new AttributeValue { N = "3600" };
        var approved = Item(second, now.AddHours(1));
        approved[KeyTableSchema.ApprovedBy] = new AttributeValue { S = "arn:aws:iam::123456789012:user/approver" };
        var pendingWithApprover = Item(third, now.AddHours(24));
        pendingWithApprover[KeyTableSchema.Lifetime] = new AttributeValue { N = "3600" };
        pendingWithApprover[KeyTableSchema.ApprovedBy] = new AttributeValue { S = "arn:aws:iam::123456789012:user/approver" };
        using var client = new ScriptedPages([pending, Item(third)], secondPage: [approved, pendingWithApprover]);

        var result = await new KeyTableSync(new KeyTable(client, "keys", maxItems: 100, keyApproval: true), store, TimeSpan.FromSeconds(10), TimeProvider.System, NullLogger<KeyTableSync>.Instance)
            .SyncOnceAsync(CancellationToken.None);

        Assert.Equal(new KeySyncResult(1, 1, 0), result);
        Assert.Equal([AuthorizedKeyLine.Format(second, DateTimeOffset.FromUnixTimeSeconds(now.AddHours(1).ToUnixTimeSeconds()), allowForwarding: false)], ssh.AuthorizedKeyLines());
    }

    // Turning approval off (a stack update) must not let in every key that was still waiting for a decision.
    [Fact]
    public async Task Without_key_approval_a_pending_item_is_still_not_applied()
    {
        var store = new AuthorizedKeysStore(ssh.Path);
        var now = DateTimeOffset.UtcNow;
        var pending = Item(first, now.AddHours(24));
        pending[KeyTableSchema.Lifetime] = new AttributeValue { N = "3600" };
        using var client = new ScriptedPages([pending], secondPage: [Item(second, now.AddHours(1))]);

        await Sync(client, store).SyncOnceAsync(CancellationToken.None);

        Assert.Equal([AuthorizedKeyLine.Format(second, DateTimeOffset.FromUnixTimeSeconds(now.AddHours(1).ToUnixTimeSeconds()), allowForwarding: false)], ssh.AuthorizedKeyLines());
    }

    private static KeyTableSync Sync(IAmazonDynamoDB client, AuthorizedKeysStore store) =>
        new(new KeyTable(client, "keys", maxItems: 100), store, TimeSpan.FromSeconds(10), TimeProvider.System, NullLogger<KeyTableSync>.Instance);

    private static Dictionary<string, AttributeValue> Item(OpenSshPublicKey key) => new()
    {
        ["Fingerprint"] = new AttributeValue { S = key.Fingerprint },
        ["KeyLine"] = new AttributeValue { S = key.Line },
    };

    private static Dictionary<string, AttributeValue> Item(OpenSshPublicKey key, DateTimeOffset expiresAt)
    {
        var item = Item(key);
        item[KeyTableSchema.ExpiresAt] = new AttributeValue { N = expiresAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture) };
        return item;
    }

    /// <summary>The system's clock, moved ahead.</summary>
    private sealed class ShiftedTime(TimeSpan ahead) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + ahead;
    }

    /// <summary>A client whose Scan answers a first page (with a LastEvaluatedKey), then a second page or an error.</summary>
    private sealed class ScriptedPages(
        List<Dictionary<string, AttributeValue>> firstPage, List<Dictionary<string, AttributeValue>>? secondPage = null, bool secondPageFails = false)
        : AmazonDynamoDBClient(new BasicAWSCredentials("unused", "unused"), new AmazonDynamoDBConfig { ServiceURL = "http://127.0.0.1:9" })
    {
        public int Calls { get; private set; }

        public override Task<ScanResponse> ScanAsync(ScanRequest request, CancellationToken cancellationToken = default)
        {
            Calls++;
            Assert.True(request.ConsistentRead);
            if (request.ExclusiveStartKey is null)
            {
                return Task.FromResult(new ScanResponse { Items = firstPage, LastEvaluatedKey = new() { ["Fingerprint"] = firstPage[^1]["Fingerprint"] } });
            }

            return secondPageFails
                ? throw new AmazonDynamoDBException("Internal server error") { StatusCode = System.Net.HttpStatusCode.InternalServerError }
                : Task.FromResult(new ScanResponse { Items = secondPage });
        }
    }
}
