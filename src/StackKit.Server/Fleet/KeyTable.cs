using System.Net.Sockets;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using StackKit.Keys;

namespace StackKit.Server.Fleet;

/// <summary>
/// The fleet's key table (docs/server.md, "The key table"): one item per key, keyed by its OpenSSH fingerprint. The
/// server only ever puts and scans (the instance role allows nothing else).
/// </summary>
internal sealed class KeyTable(IAmazonDynamoDB client, string tableName, int maxItems)
{
    /// <summary>The longest one call (retries included) may take before the table counts as unavailable.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);

    public string TableName { get; } = tableName;

    /// <summary>Adds the key unless an item for it exists (then the first AddedAt/AddedBy stay): the same key twice is one item.</summary>
    public async Task PutAsync(OpenSshPublicKey key, string addedBy, DateTimeOffset addedAt, CancellationToken cancellationToken)
    {
        var item = KeyTableItem.Write(key, addedAt, addedBy).ToDictionary(pair => pair.Key, pair => new AttributeValue { S = pair.Value }, StringComparer.Ordinal);
        using var timeout = Timeout(cancellationToken);
        try
        {
            await client.PutItemAsync(new PutItemRequest
            {
                TableName = TableName,
                Item = item,
                ConditionExpression = KeyTableSchema.PutIfAbsentCondition,
            }, timeout.Token).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            // Already there.
        }
    }

    /// <summary>
    /// Reads every item (consistent, following every page); throws if any page fails, so a partial read is never
    /// taken for the whole table. Items that are not a valid key whose fingerprint matches are counted as invalid,
    /// and their fingerprints still kept (so their keys are not taken away).
    /// </summary>
    public async Task<KeyTableContents> ReadAllAsync(CancellationToken cancellationToken)
    {
        var keys = new List<OpenSshPublicKey>();
        var fingerprints = new HashSet<string>(StringComparer.Ordinal);
        var invalid = 0;
        var pages = 0;
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            using var timeout = Timeout(cancellationToken);
            var page = await client.ScanAsync(new ScanRequest
            {
                TableName = TableName,
                ConsistentRead = true,
                ExclusiveStartKey = start,
            }, timeout.Token).ConfigureAwait(false);
            pages++;
            foreach (var attributes in page.Items ?? [])
            {
                var item = KeyTableItem.Read(attributes.ToDictionary(pair => pair.Key, pair => (string?)pair.Value.S, StringComparer.Ordinal));
                if (item.Fingerprint is null)
                {
                    invalid++;
                    continue;
                }

                fingerprints.Add(item.Fingerprint);
                if (item.Key is { } key)
                {
                    keys.Add(key);
                }
                else
                {
                    invalid++;
                }
            }

            if (fingerprints.Count + invalid > maxItems)
            {
                throw new KeyTableTooLargeException($"The key table {TableName} holds more than {maxItems} items; nothing was applied. Remove keys that are no longer needed.");
            }

            start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);

        return new KeyTableContents(keys, fingerprints, invalid, pages);
    }

    /// <summary>True for the failures that mean "the table cannot be used now": network, AWS errors, timeouts.</summary>
    public static bool IsUnavailable(Exception exception) =>
        exception is AmazonServiceException or AmazonClientException or HttpRequestException or SocketException
            or TimeoutException or IOException or OperationCanceledException or KeyTableTooLargeException;

    private static CancellationTokenSource Timeout(CancellationToken cancellationToken)
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CallTimeout);
        return timeout;
    }
}
