using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using StackKit.Aws;
using StackKit.Keys;

namespace StackKit.SshKeys;

/// <summary>The calls on a stack's key table: add a key if absent, read them all, remove one.</summary>
internal sealed class SshKeyTable(IAmazonDynamoDB dynamoDb, string tableName, string stackId, TimeSpan? defaultKeyLifetime, bool keyApproval)
{
    /// <summary>Whether keys wait for an approver (the stack's <c>KeyApproval</c> output).</summary>
    public bool KeyApproval { get; } = keyApproval;

    public string Name { get; } = tableName;

    /// <summary>How long a key added without a lifetime lasts (the stack's <c>SshKeyLifetimeHours</c>); null: for ever.</summary>
    public TimeSpan? DefaultKeyLifetime { get; } = defaultKeyLifetime;

    /// <summary>The stack the table belongs to.</summary>
    public string StackId { get; } = stackId;

    /// <summary>
    /// Writes the item unless an item for its fingerprint lets the key in at least as long
    /// (<see cref="KeyTableSchema.PutCondition"/>): true and the item it replaced (null when new) if written; false and
    /// the stored item (when DynamoDB returns it) if not.
    /// </summary>
    public Task<(bool Written, Dictionary<string, AttributeValue>? Existing)> PutAsync(Dictionary<string, AttributeValue> item, CancellationToken cancellationToken) =>
        SdkCall.RunAsync<(bool, Dictionary<string, AttributeValue>?)>("PutItem", async token =>
        {
            try
            {
                var expires = item.TryGetValue(KeyTableSchema.ExpiresAt, out var expiresAt);
                var response = await dynamoDb.PutItemAsync(new PutItemRequest
                {
                    TableName = Name,
                    Item = item,
                    ConditionExpression = KeyTableSchema.PutCondition(expires),
                    ExpressionAttributeValues = expires ? new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { [KeyTableSchema.ExpiresAtValue] = expiresAt! } : null,
                    ReturnValues = ReturnValue.ALL_OLD,
                    ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
                }, token).ConfigureAwait(false);
                return (true, response.Attributes is { Count: > 0 } replaced ? replaced : null);
            }
            catch (ConditionalCheckFailedException present)
            {
                return (false, present.Item is { Count: > 0 } stored ? stored : null);
            }
        }, cancellationToken);

    /// <summary>Every item, read consistently, page by page.</summary>
    public Task<List<Dictionary<string, AttributeValue>>> ScanAsync(CancellationToken cancellationToken) =>
        SdkCall.RunAsync("Scan", async token =>
        {
            var items = new List<Dictionary<string, AttributeValue>>();
            Dictionary<string, AttributeValue>? start = null;
            do
            {
                var page = await dynamoDb.ScanAsync(new ScanRequest { TableName = Name, ConsistentRead = true, ExclusiveStartKey = start }, token).ConfigureAwait(false);
                items.AddRange(page.Items ?? []);
                start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
            }
            while (start is not null);
            return items;
        }, cancellationToken);

    /// <summary>
    /// Marks the item with who removes it (<see cref="KeyTableSchema.RemovedBy"/>, for the audit trail), then deletes it;
    /// false when there was none. A caller IAM lets delete but not update deletes unmarked.
    /// </summary>
    public Task<bool> DeleteAsync(string fingerprint, string remover, DateTimeOffset now, CancellationToken cancellationToken) =>
        SdkCall.RunAsync("DeleteItem", async token =>
        {
            if (!await MarkRemovedAsync(fingerprint, remover, now, "attribute_exists(" + KeyTableSchema.Fingerprint + ")", token).ConfigureAwait(false))
            {
                return false;
            }
            var response = await dynamoDb.DeleteItemAsync(new DeleteItemRequest
            {
                TableName = Name,
                Key = KeyOf(fingerprint),
                ReturnValues = ReturnValue.ALL_OLD,
            }, token).ConfigureAwait(false);
            return response.Attributes is { Count: > 0 };
        }, cancellationToken);

    /// <summary>
    /// Writes the pending item unless an approved key in force holds its fingerprint
    /// (<see cref="KeyTableSchema.PendingPutCondition"/>): true if written; false and the stored item if not.
    /// </summary>
    public Task<(bool Written, Dictionary<string, AttributeValue>? Existing)> PutPendingAsync(Dictionary<string, AttributeValue> item, DateTimeOffset now, CancellationToken cancellationToken) =>
        SdkCall.RunAsync<(bool, Dictionary<string, AttributeValue>?)>("PutItem", async token =>
        {
            try
            {
                await dynamoDb.PutItemAsync(new PutItemRequest
                {
                    TableName = Name,
                    Item = item,
                    ConditionExpression = KeyTableSchema.PendingPutCondition,
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { [KeyTableSchema.NowValue] = SshKeyItem.Seconds(now) },
                    ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
                }, token).ConfigureAwait(false);
                return (true, null);
            }
            catch (ConditionalCheckFailedException present)
            {
                return (false, present.Item is { Count: > 0 } stored ? stored : null);
            }
        }, cancellationToken);

    /// <summary>The item of a fingerprint, read consistently; null when there is none.</summary>
    public Task<Dictionary<string, AttributeValue>?> GetAsync(string fingerprint, CancellationToken cancellationToken) =>
        SdkCall.RunAsync<Dictionary<string, AttributeValue>?>("GetItem", async token =>
        {
            var response = await dynamoDb.GetItemAsync(new GetItemRequest { TableName = Name, Key = KeyOf(fingerprint), ConsistentRead = true }, token).ConfigureAwait(false);
            return response.Item is { Count: > 0 } item ? item : null;
        }, cancellationToken);

    /// <summary>
    /// Approves a pending item asking for <paramref name="lifetime"/> (zero: never expires): records the approver, starts
    /// the key's time at <paramref name="now"/> and drops the request (<see cref="KeyTableSchema.ApproveCondition"/>).
    /// Returns the approved item; null when it was no longer pending with that lifetime, or its deadline had passed.
    /// </summary>
    public Task<Dictionary<string, AttributeValue>?> ApproveAsync(string fingerprint, TimeSpan lifetime, string approvedBy, DateTimeOffset now, CancellationToken cancellationToken) =>
        SdkCall.RunAsync<Dictionary<string, AttributeValue>?>("UpdateItem", async token =>
        {
            var values = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
            {
                [":approvedBy"] = new() { S = approvedBy },
                [":approvedAt"] = new() { S = now.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture) },
                [KeyTableSchema.LifetimeValue] = new() { N = ((long)lifetime.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture) },
                [KeyTableSchema.NowValue] = SshKeyItem.Seconds(now),
            };
            // A key that never expires loses its pending deadline; any other gets its own expiry.
            var expiry = " REMOVE " + KeyTableSchema.Lifetime + ", " + KeyTableSchema.ExpiresAt;
            if (lifetime > TimeSpan.Zero)
            {
                values[":expiresAt"] = SshKeyItem.Seconds(now + lifetime);
                expiry = ", " + KeyTableSchema.ExpiresAt + " = :expiresAt REMOVE " + KeyTableSchema.Lifetime;
            }

            try
            {
                var response = await dynamoDb.UpdateItemAsync(new UpdateItemRequest
                {
                    TableName = Name,
                    Key = KeyOf(fingerprint),
                    UpdateExpression = "SET " + KeyTableSchema.ApprovedBy + " = :approvedBy, " + KeyTableSchema.ApprovedAt + " = :approvedAt" + expiry,
                    ConditionExpression = KeyTableSchema.ApproveCondition,
                    ExpressionAttributeValues = values,
                    ReturnValues = ReturnValue.ALL_NEW,
                }, token).ConfigureAwait(false);
                return response.Attributes;
            }
            catch (ConditionalCheckFailedException)
            {
                return null;
            }
        }, cancellationToken);

    /// <summary>
    /// Deletes the item if it is pending (<see cref="KeyTableSchema.DenyCondition"/>): true if deleted; false and the
    /// stored item (null when there is none) if not.
    /// </summary>
    public Task<(bool Deleted, Dictionary<string, AttributeValue>? Existing)> DenyAsync(string fingerprint, string denier, DateTimeOffset now, CancellationToken cancellationToken) =>
        SdkCall.RunAsync<(bool, Dictionary<string, AttributeValue>?)>("DeleteItem", async token =>
        {
            try
            {
                await MarkRemovedAsync(fingerprint, denier, now, KeyTableSchema.DenyCondition, token).ConfigureAwait(false);
                await dynamoDb.DeleteItemAsync(new DeleteItemRequest
                {
                    TableName = Name,
                    Key = KeyOf(fingerprint),
                    ConditionExpression = KeyTableSchema.DenyCondition,
                    ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
                }, token).ConfigureAwait(false);
                return (true, null);
            }
            catch (ConditionalCheckFailedException kept)
            {
                return (false, kept.Item is { Count: > 0 } stored ? stored : null);
            }
        }, cancellationToken);

    // True when marked, or when IAM refuses the update (the delete then goes ahead unmarked: the trail says "not
    // recorded"); false when the condition fails on a missing item. A failed condition on an existing item throws, as
    // the delete under the same condition would.
    private async Task<bool> MarkRemovedAsync(string fingerprint, string remover, DateTimeOffset now, string condition, CancellationToken cancellationToken)
    {
        try
        {
            await dynamoDb.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = Name,
                Key = KeyOf(fingerprint),
                UpdateExpression = "SET " + KeyTableSchema.RemovedBy + " = :by, " + KeyTableSchema.RemovedAt + " = :at",
                ConditionExpression = condition,
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
                {
                    [":by"] = new() { S = remover },
                    [":at"] = new() { S = now.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture) },
                },
                ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException failed) when (failed.Item is not { Count: > 0 })
        {
            return false;
        }
        catch (AmazonDynamoDBException refused) when (refused.ErrorCode == "AccessDeniedException")
        {
            return true;
        }
    }

    private static Dictionary<string, AttributeValue> KeyOf(string fingerprint) =>
        new(StringComparer.Ordinal) { [KeyTableSchema.Fingerprint] = new() { S = fingerprint } };
}
