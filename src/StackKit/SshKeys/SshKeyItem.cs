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
    /// The key an item describes. Items come from anyone allowed to write the table, a server's role included, so an
    /// item is shown whatever it holds (to be found and removed) but trusted only as far as it checks out: type,
    /// comment and line come from the key line when it passes the shared validation and has the item's fingerprint,
    /// and no text is passed on that could steer the terminal it is printed in.
    /// </summary>
    public static SshKey ToKey(string stackName, Dictionary<string, AttributeValue> item)
    {
        var fingerprint = Text(item, Fingerprint) ?? string.Empty;
        var key = ParseOrNull(Text(item, KeyLine));
        var valid = key is not null && key.Fingerprint == fingerprint;
        return new SshKey
        {
            StackName = stackName,
            Fingerprint = Printable(fingerprint)!,
            Type = valid ? key!.Type : Printable(Text(item, Type)),
            Comment = valid ? key!.Comment : Printable(Text(item, Comment)),
            AddedAt = DateTimeOffset.TryParse(Text(item, AddedAt), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : null,
            AddedBy = Printable(Text(item, AddedBy)),
            KeyLine = valid ? key!.Line : Printable(Text(item, KeyLine)),
            IsValid = valid,
        };
    }

    private static OpenSshPublicKey? ParseOrNull(string? line)
    {
        if (line is null)
        {
            return null;
        }
        try
        {
            return OpenSshPublicKey.Parse(line);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    // Control characters (ESC starts terminal sequences) and invisible ones become U+FFFD.
    private static string? Printable(string? text) => text is null
        ? null
        : new string(text.Select(c => char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
            ? '\uFFFD'
            : c).ToArray());

    private static string? Text(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) ? value.S : null;
}
