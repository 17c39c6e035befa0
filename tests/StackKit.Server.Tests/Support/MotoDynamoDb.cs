using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using StackKit.TestSupport;

namespace StackKit.Server.Tests.Support;

/// <summary>
/// moto_server on a free port of 127.0.0.1, as the fleet's DynamoDB: one per test (so a test may stop it), with a
/// client and the environment a server process needs to reach it.
/// </summary>
internal sealed class MotoDynamoDb : IAsyncDisposable
{
    public const string Region = MotoProcess.Region;

    private readonly MotoProcess moto;

    private MotoDynamoDb(MotoProcess moto)
    {
        this.moto = moto;
        Client = new AmazonDynamoDBClient(new BasicAWSCredentials(MotoProcess.AccessKey, MotoProcess.SecretKey),
            new AmazonDynamoDBConfig { ServiceURL = Endpoint.ToString(), AuthenticationRegion = Region, MaxErrorRetry = 0 });
    }

    public Uri Endpoint => moto.Endpoint;

    public IAmazonDynamoDB Client { get; }

    /// <summary>The settings of a server process in fleet mode on <paramref name="tableName"/>.</summary>
    public Dictionary<string, string> ServerEnvironment(string tableName, TimeSpan syncInterval) => new()
    {
        ["KeyInjection__Fleet__TableName"] = tableName,
        ["KeyInjection__Fleet__SyncInterval"] = syncInterval.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        ["AWS_REGION"] = Region,
        ["AWS_ACCESS_KEY_ID"] = MotoProcess.AccessKey,
        ["AWS_SECRET_ACCESS_KEY"] = MotoProcess.SecretKey,
        ["AWS_ENDPOINT_URL_DYNAMODB"] = Endpoint.ToString(),
        ["AWS_EC2_METADATA_DISABLED"] = "true",
    };

    public static async Task<MotoDynamoDb> StartAsync() => new(await MotoProcess.StartAsync());

    /// <summary>Creates the key table as the template does: Fingerprint (S) as hash key, on demand, encrypted.</summary>
    public async Task<string> CreateKeyTableAsync()
    {
        var name = "stackkit-keys-" + Guid.NewGuid().ToString("N")[..8];
        await Client.CreateTableAsync(new CreateTableRequest
        {
            TableName = name,
            AttributeDefinitions = [new AttributeDefinition("Fingerprint", ScalarAttributeType.S)],
            KeySchema = [new KeySchemaElement("Fingerprint", KeyType.HASH)],
            BillingMode = BillingMode.PAY_PER_REQUEST,
            SSESpecification = new SSESpecification { Enabled = true },
        });
        return name;
    }

    /// <summary>Every item of the table (test side: one Scan call per page).</summary>
    public async Task<List<Dictionary<string, AttributeValue>>> ItemsAsync(string tableName)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await Client.ScanAsync(new ScanRequest { TableName = tableName, ConsistentRead = true, ExclusiveStartKey = start });
            items.AddRange(page.Items ?? []);
            start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);

        return items;
    }

    /// <summary>Stops moto: the table is unreachable from then on.</summary>
    public Task StopAsync() => moto.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await moto.DisposeAsync();
        Client.Dispose();
    }
}
