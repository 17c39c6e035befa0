namespace StackKit.Keys;

/// <summary>
/// The fleet's key table, as the template creates it, the servers read and write it and the library manages it: one
/// item per key, keyed by its fingerprint, every attribute a string (docs/server.md, "The key table").
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

    /// <summary>The condition that makes a put add the key only when no item holds its fingerprint.</summary>
    public const string PutIfAbsentCondition = "attribute_not_exists(" + Fingerprint + ")";

    /// <summary>
    /// The only calls a server makes on the table (the instance role allows these and nothing else): POST
    /// /add_public_key puts an item, the sync loop scans them all.
    /// </summary>
    public static IReadOnlyList<string> ServerActions { get; } = ["dynamodb:PutItem", "dynamodb:Scan"];
}
