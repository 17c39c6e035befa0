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

    /// <summary>Who approved the key (stacks with key approval): the approver's IAM principal ARN. Only an approver writes it.</summary>
    public const string ApprovedBy = "ApprovedBy";

    /// <summary>When the key was approved: UTC, round-trip format (<c>O</c>). Only an approver writes it.</summary>
    public const string ApprovedAt = "ApprovedAt";

    /// <summary>
    /// A pending key's requested lifetime: a number, whole seconds, 0 for a key that never expires. Its presence marks
    /// the item pending (approval removes it, so the key's time starts at approval); the item's <see cref="ExpiresAt"/>
    /// is then the pending deadline.
    /// </summary>
    public const string Lifetime = "Lifetime";

    /// <summary>How long a pending key waits for a decision before it expires (and the table's TTL removes it): 24 hours.</summary>
    public static readonly TimeSpan PendingDeadline = TimeSpan.FromHours(24);

    /// <summary>The placeholder for the current time, Unix epoch seconds, in the pending conditions.</summary>
    public const string NowValue = ":now";

    /// <summary>The placeholder of <see cref="ApproveCondition"/> for the lifetime the approver read.</summary>
    public const string LifetimeValue = ":lifetime";

    /// <summary>
    /// The condition of a pending put: it adds the item when no item holds the fingerprint, or replaces one that is
    /// pending itself or expired at <see cref="NowValue"/>; never an approved key in force. It names only attributes a
    /// server may write (<see cref="ServerAttributes"/>).
    /// </summary>
    public const string PendingPutCondition =
        "attribute_not_exists(" + Fingerprint + ") OR attribute_exists(" + Lifetime + ") OR " + ExpiresAt + " < " + NowValue;

    /// <summary>
    /// The condition of an approval: the item is still pending, with the lifetime the approver read, and its deadline
    /// is after <see cref="NowValue"/>.
    /// </summary>
    public const string ApproveCondition =
        Lifetime + " = " + LifetimeValue + " AND attribute_not_exists(" + ApprovedBy + ") AND " + ExpiresAt + " > " + NowValue;

    /// <summary>The condition of a denial: the item is pending (a denial never removes an approved key).</summary>
    public const string DenyCondition = "attribute_exists(" + Lifetime + ") AND attribute_not_exists(" + ApprovedBy + ")";

    /// <summary>
    /// Who removes or denies the key: the IAM principal ARN the library writes just before it deletes the item, so the
    /// delete's stream record (which names nobody) says who made it (docs/templates.md "Key alerts and audit").
    /// </summary>
    public const string RemovedBy = "RemovedBy";

    /// <summary>When the key was removed or denied: UTC, round-trip format (<c>O</c>), written with <see cref="RemovedBy"/>.</summary>
    public const string RemovedAt = "RemovedAt";

    /// <summary>Whether the attribute is a DynamoDB number (N) rather than a string (S).</summary>
    public static bool IsNumber(string attribute) => attribute is ExpiresAt or Lifetime;

    /// <summary>
    /// The attributes a server's put may name on a stack with key approval (the instance role's
    /// <c>dynamodb:Attributes</c> condition lists exactly these): everything but <see cref="ApprovedBy"/> and
    /// <see cref="ApprovedAt"/>, so a server, or anyone holding its role, can never write an approved item.
    /// </summary>
    public static IReadOnlyList<string> ServerAttributes { get; } = [Fingerprint, KeyLine, Type, Comment, AddedAt, AddedBy, ExpiresAt, Lifetime];

    /// <summary>
    /// The only calls a server makes on the table (the instance role allows these and nothing else): POST
    /// /add_public_key puts an item, the sync loop scans them all.
    /// </summary>
    public static IReadOnlyList<string> ServerActions { get; } = ["dynamodb:PutItem", "dynamodb:Scan"];
}
