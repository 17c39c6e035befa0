namespace StackKit;

/// <summary>
/// A key to add to a stack's key store, and how long it lets its holder in: <see cref="ValidFor"/> or
/// <see cref="ExpiresAt"/>, or neither for the stack's default lifetime (<see cref="HttpServiceOptions.SshKeyLifetimeHours"/>,
/// 12 hours unless the stack says otherwise). A key that never expires is asked for with <see cref="NeverExpires"/>.
/// </summary>
public sealed class SshKeyAddRequest
{
    /// <summary>The <see cref="ValidFor"/> of a key that never expires.</summary>
    public static readonly TimeSpan NeverExpires = TimeSpan.MaxValue;

    /// <summary>The shortest lifetime accepted: enough to log in once.</summary>
    public static readonly TimeSpan MinLifetime = TimeSpan.FromMinutes(1);

    /// <summary>The stack whose servers should accept the key.</summary>
    public required string StackName { get; init; }

    /// <summary>One OpenSSH public key line: type, base64 key data and an optional comment; no options.</summary>
    public required string PublicKey { get; init; }

    /// <summary>How long from now the key lets its holder in (at least <see cref="MinLifetime"/>); <see cref="NeverExpires"/> for ever.</summary>
    public TimeSpan? ValidFor { get; init; }

    /// <summary>When the key stops letting its holder in (at least <see cref="MinLifetime"/> from now); not with <see cref="ValidFor"/>.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>
    /// The expiry at <paramref name="now"/>: null for a key that never expires. Throws <see cref="ArgumentException"/>
    /// naming the property at fault.
    /// </summary>
#pragma warning disable CA2208 // The property's name is what the caller set wrong.
    internal DateTimeOffset? ExpiryAt(DateTimeOffset now, TimeSpan? stackDefault)
    {
        if (ValidFor is not null && ExpiresAt is not null)
        {
            throw new ArgumentException("Give ValidFor or ExpiresAt, not both: they both say when the key stops working.", nameof(ExpiresAt));
        }
        if (ValidFor == NeverExpires)
        {
            return null;
        }
        if (ValidFor is { } lifetime)
        {
            if (lifetime < MinLifetime)
            {
                throw new ArgumentOutOfRangeException(nameof(ValidFor), lifetime, $"A key must be valid for at least {MinLifetime.TotalMinutes:0} minute; give a longer ValidFor, or NeverExpires for a key that never expires.");
            }
            return lifetime >= DateTimeOffset.MaxValue - now
                ? throw new ArgumentOutOfRangeException(nameof(ValidFor), lifetime, "ValidFor reaches past the year 9999; give NeverExpires for a key that never expires.")
                : now + lifetime;
        }
        if (ExpiresAt is { } at)
        {
            return at - now < MinLifetime
                ? throw new ArgumentOutOfRangeException(nameof(ExpiresAt), at, $"ExpiresAt {at:u} is {(at <= now ? "in the past" : "less than a minute away")}; give a time at least {MinLifetime.TotalMinutes:0} minute from now.")
                : at;
        }
        return stackDefault is { } standard ? now + standard : null;
    }
#pragma warning restore CA2208
}
