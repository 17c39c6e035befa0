using StackKit.Keys;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace StackKit.Server.Endpoints;

/// <summary>What <see cref="BasicCredentials.CheckAsync"/> found.</summary>
internal enum CredentialCheck
{
    Accepted,

    /// <summary>Wrong or missing credentials; counted as the client's failure.</summary>
    Refused,

    /// <summary>The client has used up its failures (<see cref="FailedLoginLimiter"/>): not checked.</summary>
    Blocked,
}

/// <summary>
/// Checks an HTTP Basic <c>Authorization</c> header against the configured user name and either the password or its
/// salted slow hash (<see cref="PasswordHash"/>). Every comparison takes constant time. A client that has used up its
/// failures is not checked at all. With a hash, at most one PBKDF2 runs at a time, and a client's limit is read and
/// its failure counted inside that turn, so guesses sent at once stop at the limit too: a flood costs one core, never
/// the whole server. The credentials last accepted are remembered as a keyed digest, so a correct client's further
/// requests cost a single HMAC.
/// </summary>
internal sealed class BasicCredentials : IDisposable
{
    private readonly FailedLoginLimiter limiter;
    private readonly byte[] expected;
    private readonly PasswordHash? hash;
    private readonly byte[] digestKey = RandomNumberGenerator.GetBytes(32);
    private readonly SemaphoreSlim hashing = new(1, 1);
    private byte[]? accepted;

    private BasicCredentials(FailedLoginLimiter limiter, string username, string password, PasswordHash? hash)
    {
        this.limiter = limiter;
        this.hash = hash;
        // Hashing both sides first makes the comparison take the same time whatever the lengths: of the user name
        // alone with a password hash, of user:password without.
        expected = SHA256.HashData(Encoding.UTF8.GetBytes(hash is null ? $"{username}:{password}" : username));
    }

    /// <summary>The credentials the options configure: the password hash when set, else the password.</summary>
    public static BasicCredentials From(KeyInjectionOptions options, FailedLoginLimiter limiter) => new(
        limiter, options.Username, options.Password, string.IsNullOrEmpty(options.PasswordHash) ? null : PasswordHash.Parse(options.PasswordHash));

    /// <summary>Completes when <see cref="WarnIfDefaultPassword"/> has checked (and warned, if it must).</summary>
    public Task DefaultPasswordChecked { get; private set; } = Task.CompletedTask;

    /// <summary>
    /// Warns when the configured password (or hash) is the well-known default. With a hash, telling takes one PBKDF2
    /// (a third of a second or more on a small core), so it runs on the thread pool, off the server's start: the
    /// server answers at once, and the warning follows as soon as it is known.
    /// </summary>
    public void WarnIfDefaultPassword(KeyInjectionOptions options, ILogger logger)
    {
        if (hash is null)
        {
            Warn(options.UsesDefaultPassword, logger);
            return;
        }

        DefaultPasswordChecked = Task.Run(() => Warn(hash.Verifies(Encoding.UTF8.GetBytes(KeyInjectionOptions.DefaultPassword)), logger));

        static void Warn(bool isDefault, ILogger logger)
        {
            if (isDefault)
            {
                ServerLog.DefaultPasswordInUse(logger);
            }
        }
    }

    /// <summary>Whether <paramref name="client"/>'s header carries exactly the configured credentials; a refusal is counted.</summary>
    public async ValueTask<CredentialCheck> CheckAsync(string? authorizationHeader, string client, ILogger logger, CancellationToken cancellationToken)
    {
        if (limiter.IsBlocked(client))
        {
            return CredentialCheck.Blocked;
        }

        var given = Decoded(authorizationHeader);
        if (hash is null || given is null)
        {
            return Counted(given is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(given), expected), client, logger);
        }

        var digest = HMACSHA256.HashData(digestKey, given);
        if (Volatile.Read(ref accepted) is { } known && CryptographicOperations.FixedTimeEquals(digest, known))
        {
            return CredentialCheck.Accepted;
        }

        await hashing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (limiter.IsBlocked(client))
            {
                return CredentialCheck.Blocked;
            }

            var matches = MatchesHash(given, hash);
            if (matches)
            {
                Volatile.Write(ref accepted, digest);
            }

            return Counted(matches, client, logger);
        }
        finally
        {
            hashing.Release();
        }
    }

    public void Dispose() => hashing.Dispose();

    private static byte[]? Decoded(string? authorizationHeader)
    {
        if (!AuthenticationHeaderValue.TryParse(authorizationHeader, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return null;
        }

        var decoded = new byte[header.Parameter.Length];
        return Convert.TryFromBase64String(header.Parameter, decoded, out var length) ? decoded[..length] : null;
    }

    // Both halves are always checked, so the time does not tell a right user name from a wrong one.
    private bool MatchesHash(byte[] given, PasswordHash passwordHash)
    {
        var colon = Array.IndexOf(given, (byte)':');
        if (colon < 0)
        {
            return false;
        }

        var usernameMatches = CryptographicOperations.FixedTimeEquals(SHA256.HashData(given.AsSpan(0, colon)), expected);
        var passwordMatches = passwordHash.Verifies(given.AsSpan(colon + 1));
        return usernameMatches & passwordMatches;
    }

    private CredentialCheck Counted(bool matches, string client, ILogger logger)
    {
        if (matches)
        {
            return CredentialCheck.Accepted;
        }

        limiter.RecordFailure(client, logger);
        return CredentialCheck.Refused;
    }
}
