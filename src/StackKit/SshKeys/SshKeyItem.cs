using System.Globalization;
using Amazon.DynamoDBv2.Model;
using StackKit.Keys;

namespace StackKit.SshKeys;

/// <summary>
/// A key as an item of the key table; the shape the servers read and write too (docs/security.md): every attribute a
/// string, <c>Comment</c> absent when the key has none.
/// </summary>
internal static class SshKeyItem
{
    public const string Fingerprint = "Fingerprint";
    public const string KeyLine = "KeyLine";
    public const string Type = "Type";
    public const string Comment = "Comment";
    public const string AddedAt = "AddedAt";
    public const string AddedBy = "AddedBy";

    public static Dictionary<string, AttributeValue> From(OpenSshPublicKey key, DateTimeOffset addedAt, string addedBy)
    {
        var item = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            [Fingerprint] = new() { S = key.Fingerprint },
            [KeyLine] = new() { S = key.Line },
            [Type] = new() { S = key.Type },
            [AddedAt] = new() { S = addedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) },
            [AddedBy] = new() { S = addedBy },
        };
        if (key.Comment is not null)
        {
            item[Comment] = new() { S = key.Comment };
        }
        return item;
    }

    /// <summary>
    /// The key an item describes. Items come from anyone allowed to write the table, servers included, so a missing or
    /// malformed attribute is shown as null rather than hiding the key from whoever lists or removes it.
    /// </summary>
    public static SshKey ToKey(string stackName, Dictionary<string, AttributeValue> item) => new()
    {
        StackName = stackName,
        Fingerprint = Text(item, Fingerprint) ?? string.Empty,
        Type = Text(item, Type),
        Comment = Text(item, Comment),
        AddedAt = DateTimeOffset.TryParse(Text(item, AddedAt), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : null,
        AddedBy = Text(item, AddedBy),
        KeyLine = Text(item, KeyLine),
    };

    private static string? Text(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) ? value.S : null;
}
