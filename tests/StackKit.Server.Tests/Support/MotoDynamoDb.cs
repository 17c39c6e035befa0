using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace StackKit.Server.Tests.Support;

/// <summary>
/// moto_server on a free port of 127.0.0.1, as the fleet's DynamoDB: one per test (so a test may stop it), with a
/// client and the environment a server process needs to reach it.
/// </summary>
internal sealed class MotoDynamoDb : IAsyncDisposable
{
    public const string Region = "us-east-1";

    private readonly Process process;

    private MotoDynamoDb(Process process, Uri endpoint)
    {
        this.process = process;
        Endpoint = endpoint;
        Client = new AmazonDynamoDBClient(new BasicAWSCredentials("testing", "testing"),
            new AmazonDynamoDBConfig { ServiceURL = endpoint.ToString(), AuthenticationRegion = Region, MaxErrorRetry = 0 });
    }

    public Uri Endpoint { get; }

    public IAmazonDynamoDB Client { get; }

    /// <summary>The settings of a server process in fleet mode on <paramref name="tableName"/>.</summary>
    public Dictionary<string, string> ServerEnvironment(string tableName, TimeSpan syncInterval) => new()
    {
        ["KeyInjection__Fleet__TableName"] = tableName,
        ["KeyInjection__Fleet__SyncInterval"] = syncInterval.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        ["AWS_REGION"] = Region,
        ["AWS_ACCESS_KEY_ID"] = "testing",
        ["AWS_SECRET_ACCESS_KEY"] = "testing",
        ["AWS_ENDPOINT_URL_DYNAMODB"] = Endpoint.ToString(),
        ["AWS_EC2_METADATA_DISABLED"] = "true",
    };

    public static async Task<MotoDynamoDb> StartAsync()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var process = Process.Start(new ProcessStartInfo("moto_server", ["-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var moto = new MotoDynamoDb(process, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (var deadline = DateTime.UtcNow.AddMinutes(1); DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            Assert.False(process.HasExited, "moto_server exited before it answered");
            try
            {
                using var response = await http.GetAsync(new Uri(moto.Endpoint, "/moto-api/data.json"));
                if (response.IsSuccessStatusCode)
                {
                    return moto;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
        }

        await moto.DisposeAsync();
        throw new TimeoutException("moto_server did not answer within a minute.");
    }

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
    public async Task StopAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Client.Dispose();
        process.Dispose();
    }
}
