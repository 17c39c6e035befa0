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

    private static KeyTableSync Sync(IAmazonDynamoDB client, AuthorizedKeysStore store) =>
        new(new KeyTable(client, "keys", maxItems: 100), store, TimeSpan.FromSeconds(10), TimeProvider.System, NullLogger<KeyTableSync>.Instance);

    private static Dictionary<string, AttributeValue> Item(OpenSshPublicKey key) => new()
    {
        ["Fingerprint"] = new AttributeValue { S = key.Fingerprint },
        ["KeyLine"] = new AttributeValue { S = key.Line },
    };

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
