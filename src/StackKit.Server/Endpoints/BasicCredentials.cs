using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace StackKit.Server.Endpoints;

/// <summary>What <see cref="BasicCredentials.CheckAsync"/> found.</summary>
internal enum CredentialCheck
{
    Accepted,
    Refused,

    /// <summary>The client used up its failures while waiting to be checked: not checked.</summary>
    Blocked,
}

/// <summary>
/// Checks an HTTP Basic <c>Authorization</c> header against the configured user name and either the password or its
/// salted slow hash (<see cref="PasswordHash"/>). Every comparison takes constant time. With a hash, at most one
/// PBKDF2 runs at a time (a flood of guesses costs one core, never the whole server), and the credentials last
/// accepted are remembered as a keyed digest, so a correct client's further requests cost a single HMAC.
/// </summary>
internal sealed class BasicCredentials : IDisposable
{
    private readonly byte[] expected;
    private readonly PasswordHash? hash;
    private readonly byte[] digestKey = RandomNumberGenerator.GetBytes(32);
    private readonly SemaphoreSlim hashing = new(1, 1);
    private byte[]? accepted;

    private BasicCredentials(string username, string password, PasswordHash? hash)
    {
        this.hash = hash;
        // Hashing both sides first makes the comparison take the same time whatever the lengths: of the user name
        // alone with a password hash, of user:password without.
        expected = SHA256.HashData(Encoding.UTF8.GetBytes(hash is null ? $"{username}:{password}" : username));
    }

    /// <summary>The credentials the options configure: the password hash when set, else the password.</summary>
    public static BasicCredentials From(KeyInjectionOptions options) => new(
        options.Username, options.Password, string.IsNullOrEmpty(options.PasswordHash) ? null : PasswordHash.Parse(options.PasswordHash));

    /// <summary>True when the configured password (or hash) is the well-known default; with a hash, one PBKDF2 to tell.</summary>
    public bool AcceptsDefaultPassword(KeyInjectionOptions options) =>
        hash?.Verifies(Encoding.UTF8.GetBytes(KeyInjectionOptions.DefaultPassword)) ?? options.UsesDefaultPassword;

    /// <summary>
    /// Whether the header carries exactly the configured credentials. <paramref name="isBlocked"/> is asked again
    /// once the client's turn at the slow hash comes, so that guesses sent at once stop at the limit too.
    /// </summary>
    public async ValueTask<CredentialCheck> CheckAsync(string? authorizationHeader, Func<bool> isBlocked, CancellationToken cancellationToken)
    {
        if (!AuthenticationHeaderValue.TryParse(authorizationHeader, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return CredentialCheck.Refused;
        }

        var decoded = new byte[header.Parameter.Length];
        if (!Convert.TryFromBase64String(header.Parameter, decoded, out var length))
        {
            return CredentialCheck.Refused;
        }

        var given = decoded.AsMemory(0, length);
        if (hash is null)
        {
            return Verdict(CryptographicOperations.FixedTimeEquals(SHA256.HashData(given.Span), expected));
        }

        var digest = HMACSHA256.HashData(digestKey, given.Span);
        if (Volatile.Read(ref accepted) is { } known && CryptographicOperations.FixedTimeEquals(digest, known))
        {
            return CredentialCheck.Accepted;
        }

        var colon = given.Span.IndexOf((byte)':');
        if (colon < 0)
        {
            return CredentialCheck.Refused;
        }

        await hashing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (isBlocked())
            {
                return CredentialCheck.Blocked;
            }

            // Both halves are always checked, so the time does not tell a right user name from a wrong one.
            var usernameMatches = CryptographicOperations.FixedTimeEquals(SHA256.HashData(given.Span[..colon]), expected);
            var passwordMatches = hash.Verifies(given.Span[(colon + 1)..]);
            if (usernameMatches & passwordMatches)
            {
                Volatile.Write(ref accepted, digest);
                return CredentialCheck.Accepted;
            }

            return CredentialCheck.Refused;
        }
        finally
        {
            hashing.Release();
        }
    }

    public void Dispose() => hashing.Dispose();

    private static CredentialCheck Verdict(bool matches) => matches ? CredentialCheck.Accepted : CredentialCheck.Refused;
}
