using System.Globalization;
using Amazon.DynamoDBv2.Model;
using StackKit.Keys;

namespace StackKit.SshKeys;

/// <summary>
/// A key as an item of the key table: the shared codec (<see cref="KeyTableItem"/>) adapted to DynamoDB's attribute
/// values, and an item read back turned into the <see cref="SshKey"/> shown to users.
/// </summary>
internal static class SshKeyItem
{
    public static Dictionary<string, AttributeValue> From(OpenSshPublicKey key, DateTimeOffset addedAt, string addedBy, DateTimeOffset? expiresAt) =>
        ToValues(KeyTableItem.Write(key, addedAt, addedBy, expiresAt));

    /// <summary>The pending item of a key on a stack with approval (<see cref="KeyTableItem.WritePending"/>).</summary>
    public static Dictionary<string, AttributeValue> Pending(OpenSshPublicKey key, DateTimeOffset addedAt, string addedBy, TimeSpan? lifetime) =>
        ToValues(KeyTableItem.WritePending(key, addedAt, addedBy, lifetime));

    /// <summary>The shared codec's reading of an item.</summary>
    public static KeyTableItem Read(Dictionary<string, AttributeValue> attributes) =>
        KeyTableItem.Read(attributes.ToDictionary(
            pair => pair.Key, pair => (string?)(KeyTableSchema.IsNumber(pair.Key) ? pair.Value.N : pair.Value.S), StringComparer.Ordinal));

    /// <summary>A DynamoDB number attribute of whole Unix seconds.</summary>
    public static AttributeValue Seconds(DateTimeOffset at) => new() { N = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) };

    private static Dictionary<string, AttributeValue> ToValues(IReadOnlyDictionary<string, string> attributes) =>
        attributes.ToDictionary(
            pair => pair.Key,
            pair => KeyTableSchema.IsNumber(pair.Key) ? new AttributeValue { N = pair.Value } : new AttributeValue { S = pair.Value },
            StringComparer.Ordinal);

    /// <summary>
    /// The key an item describes, shown whatever it holds (to be found and removed) but trusted only as far as it
    /// checks out: type, comment and line come from the key line when it is valid and has the item's fingerprint, and
    /// no text is passed on that could steer the terminal it is printed in.
    /// </summary>
    public static SshKey ToKey(string stackName, Dictionary<string, AttributeValue> attributes, bool keyApproval = false)
    {
        var item = Read(attributes);
        var key = item.Key;
        return new SshKey
        {
            StackName = stackName,
            Fingerprint = Printable(item.Fingerprint) ?? string.Empty,
            Type = key?.Type ?? Printable(item.Type),
            Comment = key is null ? Printable(item.Comment) : key.Comment,
            AddedAt = item.AddedAt,
            AddedBy = Printable(item.AddedBy),
            ExpiresAt = item.ExpiresAt,
            State = item.IsPending ? SshKeyState.Pending : item.IsApproved || !keyApproval ? SshKeyState.Approved : SshKeyState.Unapproved,
            ApprovedBy = Printable(item.ApprovedBy),
            ApprovedAt = item.ApprovedAt,
            KeyLine = key?.Line ?? Printable(item.KeyLine),
            IsValid = key is not null,
        };
    }

    // Control characters (ESC starts terminal sequences) and invisible ones become U+FFFD.
    internal static string? Printable(string? text) => text is null
        ? null
        : new string(text.Select(c => char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
            ? '\uFFFD'
            : c).ToArray());
}
