namespace StackKit.Keys;

/// <summary>
/// The fleet's key table, as the template creates it, the servers read and write it and the library manages it: one
/// item per key, keyed by its fingerprint, every attribute a string but <see cref="ExpiresAt"/>, a number (docs/server.md,
/// "The key table").
/// </summary>
public static class KeyTableSchema
{
    /// <summary>The hash key: the key's fingerprint (<see cref="SshKeyFingerprint"/>).</summary>
    public const string Fingerprint = "Fingerprint";

    /// <summary>The key line the servers write to <c>authorized_keys</c>.</summary>
    public const string KeyLine = "KeyLine";

    /// <summary>The key type, such as <c>ssh-ed25519</c>.</summary>
    public const string Type = "Type";

    /// <summary>The key's comment; absent when it has none.</summary>
    public const string Comment = "Comment";

    /// <summary>When the key was first added: UTC, round-trip format (<c>O</c>).</summary>
    public const string AddedAt = "AddedAt";

    /// <summary>Who added it: an IAM principal ARN, or <c>http:</c> and the client's address.</summary>
    public const string AddedBy = "AddedBy";

    /// <summary>
    /// When the key stops being accepted: a number, Unix epoch seconds (UTC), and the table's TTL attribute; absent for
    /// a key that never expires. DynamoDB deletes expired items only lazily (within days), so every reader checks it.
    /// </summary>
    public const string ExpiresAt = "ExpiresAt";

    /// <summary>The placeholder of <see cref="PutCondition"/> for the new item's <see cref="ExpiresAt"/>, a number.</summary>
    public const string ExpiresAtValue = ":expiresAt";

    /// <summary>
    /// The condition that makes a put add the key when no item holds its fingerprint, or replace the item there when
    /// the new one lasts longer: the stored one expires before <see cref="ExpiresAtValue"/> (given when
    /// <paramref name="expires"/>), or the new one never expires and the stored one does. An expired item DynamoDB has
    /// not deleted yet is so replaced, and a put never shortens a key's life.
    /// </summary>
    public static string PutCondition(bool expires) =>
        "attribute_not_exists(" + Fingerprint + ") OR " + (expires ? ExpiresAt + " < " + ExpiresAtValue : "attribute_exists(" + ExpiresAt + ")");

    /// <summary>Whether the attribute is a DynamoDB number (N) rather than a string (S).</summary>
    public static bool IsNumber(string attribute) => attribute == ExpiresAt;

    /// <summary>
    /// The only calls a server makes on the table (the instance role allows these and nothing else): POST
    /// /add_public_key puts an item, the sync loop scans them all.
    /// </summary>
    public static IReadOnlyList<string> ServerActions { get; } = ["dynamodb:PutItem", "dynamodb:Scan"];
}
