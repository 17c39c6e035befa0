using System.Globalization;

namespace StackKit.Keys;

/// <summary>
/// The codec of one item of the key table (<see cref="KeyTableSchema"/>), over its attributes as text (numbers as
/// their digits, <see cref="KeyTableSchema.IsNumber"/>); callers adapt them to their DynamoDB client. Items come from anyone allowed to write the table, a server's role included, so an
/// item read back is kept as it is (to be shown, found and removed) and its <see cref="Key"/> is trusted only when its
/// line passes the shared validation and has the item's fingerprint.
/// </summary>
public sealed class KeyTableItem
{
    private KeyTableItem(IReadOnlyDictionary<string, string?> attributes)
    {
        Fingerprint = Text(attributes, KeyTableSchema.Fingerprint);
        KeyLine = Text(attributes, KeyTableSchema.KeyLine);
        Type = Text(attributes, KeyTableSchema.Type);
        Comment = Text(attributes, KeyTableSchema.Comment);
        AddedBy = Text(attributes, KeyTableSchema.AddedBy);
        AddedAt = ReadTime(Text(attributes, KeyTableSchema.AddedAt));
        ExpiresAt = ReadExpiry(Text(attributes, KeyTableSchema.ExpiresAt), attributes.ContainsKey(KeyTableSchema.ExpiresAt));
        ApprovedBy = Text(attributes, KeyTableSchema.ApprovedBy);
        ApprovedAt = ReadTime(Text(attributes, KeyTableSchema.ApprovedAt));
        var asksLifetime = attributes.ContainsKey(KeyTableSchema.Lifetime);
        IsPending = asksLifetime && ApprovedBy is null;
        IsApproved = !string.IsNullOrEmpty(ApprovedBy) && !asksLifetime;
        Lifetime = long.TryParse(Text(attributes, KeyTableSchema.Lifetime), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            && seconds <= MaxLifetimeSeconds
            ? TimeSpan.FromSeconds(seconds)
            : null;
        var key = ParseOrNull(KeyLine);
        Key = key is not null && key.Fingerprint == Fingerprint ? key : null;
    }

    /// <summary>The fingerprint attribute as stored; null when the item has none (or not as a string).</summary>
    public string? Fingerprint { get; }

    /// <summary>The key line as stored, unchecked.</summary>
    public string? KeyLine { get; }

    /// <summary>The type as stored, unchecked.</summary>
    public string? Type { get; }

    /// <summary>The comment as stored, unchecked.</summary>
    public string? Comment { get; }

    /// <summary>When the key was first added, when the item says so readably.</summary>
    public DateTimeOffset? AddedAt { get; }

    /// <summary>Who added the key, as stored, unchecked.</summary>
    public string? AddedBy { get; }

    /// <summary>
    /// When the key stops being accepted; null when it never expires. An <c>ExpiresAt</c> that is not a whole number of
    /// seconds in range reads as the Unix epoch: the key counts as expired (a broken expiry fails closed).
    /// </summary>
    public DateTimeOffset? ExpiresAt { get; }

    /// <summary>Who approved the key, as stored; null when nobody did.</summary>
    public string? ApprovedBy { get; }

    /// <summary>When the key was approved, when the item says so readably.</summary>
    public DateTimeOffset? ApprovedAt { get; }

    /// <summary>
    /// Whether the key waits for approval: the item holds a requested <c>Lifetime</c> and no approver. Its
    /// <see cref="ExpiresAt"/> is then the deadline of the decision.
    /// </summary>
    public bool IsPending { get; }

    /// <summary>
    /// A pending key's requested lifetime, <see cref="TimeSpan.Zero"/> for one that never expires; null when the item has
    /// none, or none readable (such an item cannot be approved).
    /// </summary>
    public TimeSpan? Lifetime { get; }

    /// <summary>
    /// Whether the servers of a stack with key approval apply the item: an approver is recorded and no requested
    /// lifetime is left (approval removes it). Only an approver can write <c>ApprovedBy</c> (the instance role's put may
    /// not name it).
    /// </summary>
    public bool IsApproved { get; }

    /// <summary>The key the servers accept: the item's line, valid and with the item's fingerprint; null otherwise.</summary>
    public OpenSshPublicKey? Key { get; }

    /// <summary>Whether the key's time is over at <paramref name="now"/> (sshd refuses it from its expiry's second on).</summary>
    public bool IsExpiredAt(DateTimeOffset now) => ExpiresAt is { } at && at <= now;

    /// <summary>
    /// The attributes of the item for a key, as text: <c>Comment</c> absent when the key has none, <c>ExpiresAt</c>
    /// (whole seconds, rounded down) absent when <paramref name="expiresAt"/> is null, the key never expiring.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Write(OpenSshPublicKey key, DateTimeOffset addedAt, string addedBy, DateTimeOffset? expiresAt)
    {
        Guard.NotNull(key, nameof(key));
        var item = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [KeyTableSchema.Fingerprint] = key.Fingerprint,
            [KeyTableSchema.KeyLine] = key.Line,
            [KeyTableSchema.Type] = key.Type,
            [KeyTableSchema.AddedAt] = addedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            [KeyTableSchema.AddedBy] = Guard.NotNull(addedBy, nameof(addedBy)),
        };
        if (key.Comment is not null)
        {
            item[KeyTableSchema.Comment] = key.Comment;
        }

        if (expiresAt is { } at)
        {
            item[KeyTableSchema.ExpiresAt] = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        }

        return item;
    }

    /// <summary>
    /// The attributes of a pending item (stacks with key approval): as <see cref="Write"/> without an expiry, plus the
    /// requested <c>Lifetime</c> in whole seconds (0: <paramref name="lifetime"/> null, never expires), and
    /// <c>ExpiresAt</c> the decision's deadline, <see cref="KeyTableSchema.PendingDeadline"/> after
    /// <paramref name="addedAt"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, string> WritePending(OpenSshPublicKey key, DateTimeOffset addedAt, string addedBy, TimeSpan? lifetime)
    {
        if (lifetime is { } span && (span <= TimeSpan.Zero || span.TotalSeconds > MaxLifetimeSeconds))
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), span, "A pending key's lifetime is positive and at most 9999 years; null means it never expires.");
        }

        var item = Write(key, addedAt, addedBy, addedAt + KeyTableSchema.PendingDeadline).ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
        item[KeyTableSchema.Lifetime] = ((long)(lifetime?.TotalSeconds ?? 0)).ToString(CultureInfo.InvariantCulture);
        return item;
    }

    /// <summary>Reads an item from its string attributes (null for an attribute that is not a string).</summary>
    public static KeyTableItem Read(IReadOnlyDictionary<string, string?> attributes) =>
        new(Guard.NotNull(attributes, nameof(attributes)));

    // Lifetimes beyond this are refused: no key outlives the year 9999 anyway, and TimeSpan holds them all.
    private const long MaxLifetimeSeconds = 315_537_897_599;

    private static DateTimeOffset? ReadTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : null;

    private static string? Text(IReadOnlyDictionary<string, string?> attributes, string name) =>
        attributes.TryGetValue(name, out var value) ? value : null;

    /// <summary>The expiry of <paramref name="seconds"/> (whole Unix seconds, at most 9999-12-31); the epoch when unreadable.</summary>
    private static DateTimeOffset? ReadExpiry(string? seconds, bool present)
    {
        if (!present)
        {
            return null;
        }

        return long.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            && value <= DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            ? DateTimeOffset.FromUnixTimeSeconds(value)
            : DateTimeOffset.FromUnixTimeSeconds(0);
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
}
