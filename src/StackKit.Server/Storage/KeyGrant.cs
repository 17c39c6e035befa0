using StackKit.Keys;

namespace StackKit.Server.Storage;

/// <summary>A key the store lets in, and until when: null for a key that never expires.</summary>
internal sealed record KeyGrant(OpenSshPublicKey Key, DateTimeOffset? ExpiresAt)
{
    /// <summary>Whether this grant lets the key in longer than a line that expires at <paramref name="other"/> (null: never).</summary>
    public bool OutlastsExpiry(DateTimeOffset? other) => other is { } then && (ExpiresAt is null || ExpiresAt > then);
}
