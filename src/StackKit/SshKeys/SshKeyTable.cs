using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using StackKit.Aws;
using StackKit.Keys;

namespace StackKit.SshKeys;

/// <summary>The calls on a stack's key table: add a key if absent, read them all, remove one.</summary>
internal sealed class SshKeyTable(IAmazonDynamoDB dynamoDb, string tableName, string stackId, TimeSpan? defaultKeyLifetime)
{
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

    /// <summary>Deletes the item; false when there was none.</summary>
    public Task<bool> DeleteAsync(string fingerprint, CancellationToken cancellationToken) =>
        SdkCall.RunAsync("DeleteItem", async token =>
        {
            var response = await dynamoDb.DeleteItemAsync(new DeleteItemRequest
            {
                TableName = Name,
                Key = new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { [KeyTableSchema.Fingerprint] = new() { S = fingerprint } },
                ReturnValues = ReturnValue.ALL_OLD,
            }, token).ConfigureAwait(false);
            return response.Attributes is { Count: > 0 };
        }, cancellationToken);
}
