using System.Net.Sockets;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using StackKit.Keys;
using StackKit.Server.Storage;

namespace StackKit.Server.Fleet;

/// <summary>
/// The fleet's key table (docs/server.md, "The key table"): one item per key, keyed by its OpenSSH fingerprint. The
/// server only ever puts and scans (the instance role allows nothing else). With key approval, it puts only pending
/// items and applies only approved ones.
/// </summary>
internal sealed class KeyTable(IAmazonDynamoDB client, string tableName, int maxItems, bool keyApproval = false)
{
    /// <summary>
    /// The most keys that may wait for approval at once. An approver decides by hand, within a day; a hundred waiting
    /// keys is more than a team posts in that time, and a flood of POSTs with the service password stops here instead of
    /// growing the table every server reads each sync round (beyond its item limit, no server applies anything).
    /// </summary>
    public const int MaxPendingKeys = 100;

    /// <summary>The longest one call (retries included) may take before the table counts as unavailable.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);

    public string TableName { get; } = tableName;

    /// <summary>Whether keys wait for an approver (<see cref="FleetOptions.KeyApproval"/>).</summary>
    public bool KeyApproval { get; } = keyApproval;

    /// <summary>
    /// Stores the key pending approval, asking for <paramref name="lifetime"/> (null: never expires), unless an approved
    /// key in force holds its fingerprint (<see cref="KeyTableSchema.PendingPutCondition"/>). Returns null when the
    /// item is now pending; the stored item when the key is already approved.
    /// </summary>
    public async Task<KeyTableItem?> PutPendingAsync(OpenSshPublicKey key, string addedBy, DateTimeOffset addedAt, TimeSpan? lifetime, CancellationToken cancellationToken)
    {
        var item = KeyTableItem.WritePending(key, addedAt, addedBy, lifetime).ToDictionary(pair => pair.Key, pair => ToValue(pair.Key, pair.Value), StringComparer.Ordinal);
        using var timeout = Timeout(cancellationToken);
        try
        {
            await client.PutItemAsync(new PutItemRequest
            {
                TableName = TableName,
                Item = item,
                ConditionExpression = KeyTableSchema.PendingPutCondition,
                ExpressionAttributeValues = new() { [KeyTableSchema.NowValue] = new AttributeValue { N = addedAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture) } },
                ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
            }, timeout.Token).ConfigureAwait(false);
            return null;
        }
        catch (ConditionalCheckFailedException present)
        {
            // An approved key in force: it stays as it is, its approver with it.
            return KeyTableItem.Read(FromValues(present.Item ?? []));
        }
    }

    /// <summary>
    /// Whether a new pending item for <paramref name="fingerprint"/> would go past <see cref="MaxPendingKeys"/>
    /// unexpired pending items at <paramref name="now"/>: never when the table already holds the fingerprint (a key
    /// posted again adds no item, so a flood of other keys cannot lock out one already pending or approved). A
    /// consistent read of the whole table, as every sync round makes; throws, as <see cref="ReadAllAsync"/> does, if a
    /// page fails. POSTs at the same moment may each see one place left, so the table can hold a few more; never a flood.
    /// </summary>
    public async Task<bool> IsPendingFullAsync(string fingerprint, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var pending = 0;
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            using var timeout = Timeout(cancellationToken);
            var page = await client.ScanAsync(new ScanRequest { TableName = TableName, ConsistentRead = true, ExclusiveStartKey = start }, timeout.Token).ConfigureAwait(false);
            foreach (var attributes in page.Items ?? [])
            {
                var item = KeyTableItem.Read(FromValues(attributes));
                if (item.Fingerprint == fingerprint)
                {
                    return false;
                }
                if (item.IsPending && !item.IsExpiredAt(now))
                {
                    pending++;
                }
            }

            start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);

        return pending >= MaxPendingKeys;
    }

    /// <summary>
    /// Adds the key until <paramref name="expiresAt"/> (null: never) unless an item for it lets it in at least as long
    /// (<see cref="KeyTableSchema.PutCondition"/>; then that item stays, its first AddedAt/AddedBy with it): the same
    /// key twice is one item. Returns the key's expiry as the table then holds it.
    /// </summary>
    public async Task<DateTimeOffset?> PutAsync(OpenSshPublicKey key, string addedBy, DateTimeOffset addedAt, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
    {
        var item = KeyTableItem.Write(key, addedAt, addedBy, expiresAt).ToDictionary(pair => pair.Key, pair => ToValue(pair.Key, pair.Value), StringComparer.Ordinal);
        using var timeout = Timeout(cancellationToken);
        try
        {
            await client.PutItemAsync(new PutItemRequest
            {
                TableName = TableName,
                Item = item,
                ConditionExpression = KeyTableSchema.PutCondition(expiresAt is not null),
                ExpressionAttributeValues = expiresAt is null ? null : new() { [KeyTableSchema.ExpiresAtValue] = item[KeyTableSchema.ExpiresAt] },
                ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
            }, timeout.Token).ConfigureAwait(false);
            return KeyTableItem.Read(FromValues(item)).ExpiresAt;
        }
        catch (ConditionalCheckFailedException present)
        {
            // Already there, for at least as long; without the stored item, say only what is certain.
            return present.Item is { Count: > 0 } stored ? KeyTableItem.Read(FromValues(stored)).ExpiresAt : expiresAt;
        }
    }

    /// <summary>
    /// Reads every item (consistent, following every page); throws if any page fails, so a partial read is never
    /// taken for the whole table. Items that are not a valid key whose fingerprint matches are counted as invalid,
    /// and their fingerprints still kept (so their keys are not taken away). Items expired at <paramref name="now"/>
    /// count as gone, whether DynamoDB's TTL (lazy, within days) has deleted them yet or not; so do items not approved
    /// when <see cref="KeyApproval"/> is on.
    /// </summary>
    public async Task<KeyTableContents> ReadAllAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var grants = new List<KeyGrant>();
        var fingerprints = new HashSet<string>(StringComparer.Ordinal);
        var invalid = 0;
        var expired = 0;
        var pending = 0;
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
                var item = KeyTableItem.Read(FromValues(attributes));
                if (item.Fingerprint is null)
                {
                    invalid++;
                    continue;
                }

                if (item.IsExpiredAt(now))
                {
                    expired++;
                    continue;
                }

                // Unapproved items count as absent: a key whose approval is missing is taken away, never added. A
                // pending item is never applied, approval on or not: turning approval off must not let in every key
                // that was waiting for a decision.
                if (item.IsPending || (KeyApproval && !item.IsApproved))
                {
                    pending++;
                    continue;
                }

                fingerprints.Add(item.Fingerprint);
                if (item.Key is { } key)
                {
                    grants.Add(new KeyGrant(key, item.ExpiresAt));
                }
                else
                {
                    invalid++;
                }
            }

            if (fingerprints.Count + invalid + expired + pending > maxItems)
            {
                throw new KeyTableTooLargeException($"The key table {TableName} holds more than {maxItems} items; nothing was applied. Remove keys that are no longer needed.");
            }

            start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);

        return new KeyTableContents(grants, fingerprints, invalid, expired, pending, pages);
    }

    /// <summary>True for the failures that mean "the table cannot be used now": network, AWS errors, timeouts.</summary>
    public static bool IsUnavailable(Exception exception) =>
        exception is AmazonServiceException or AmazonClientException or HttpRequestException or SocketException
            or TimeoutException or IOException or OperationCanceledException or KeyTableTooLargeException;

    private static AttributeValue ToValue(string name, string text) =>
        KeyTableSchema.IsNumber(name) ? new AttributeValue { N = text } : new AttributeValue { S = text };

    private static Dictionary<string, string?> FromValues(Dictionary<string, AttributeValue> attributes) =>
        attributes.ToDictionary(pair => pair.Key, pair => (string?)(KeyTableSchema.IsNumber(pair.Key) ? pair.Value.N : pair.Value.S), StringComparer.Ordinal);

    private static CancellationTokenSource Timeout(CancellationToken cancellationToken)
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CallTimeout);
        return timeout;
    }
}
