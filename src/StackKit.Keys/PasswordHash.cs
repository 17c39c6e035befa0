using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace StackKit.Keys;

/// <summary>
/// The service password's salted slow hash, <c>pbkdf2-sha256$&lt;iterations&gt;$&lt;salt&gt;$&lt;key&gt;</c>:
/// PBKDF2-HMAC-SHA256 of the UTF-8 password, a 16-byte salt and a 32-byte key, both canonical base64. The StackKit
/// library computes it on the caller's machine and the template carries only it; the server verifies a Basic
/// password against it. One type owns the format so the two can never disagree.
/// </summary>
public sealed class PasswordHash
{
    /// <summary>OWASP's figure for PBKDF2-HMAC-SHA256; docs/templates.md weighs it against a t3.micro's CPU.</summary>
    public const int Iterations = 600_000;

    /// <summary>The format, as a refusal or a configuration error states it.</summary>
    public const string Format = "pbkdf2-sha256$<iterations 100000 to 9999999>$<16-byte salt, base64>$<32-byte PBKDF2-HMAC-SHA256 key, base64>";

    /// <summary>
    /// The same format as a regular expression (a CloudFormation AllowedPattern), with the empty string allowed: an
    /// empty template parameter means the server's default password. The last character of each base64 field may
    /// only carry the bits its bytes have (2 of the salt's, 4 of the key's), so a value the template accepts is one
    /// the server can read, not one that stops it at start-up.
    /// </summary>
    public const string PatternOrEmpty = @"^$|^pbkdf2-sha256\$[1-9][0-9]{5,6}\$[A-Za-z0-9+/]{21}[AQgw]==\$[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$";

    private const string Scheme = "pbkdf2-sha256";

    // Fewer iterations make offline guessing cheap; more make each login cost seconds of CPU.
    private const int MinIterations = 100_000;
    private const int MaxIterations = 9_999_999;
    private const int SaltBytes = 16;
    private const int KeyBytes = 32;

    private readonly int _iterations;
    private readonly byte[] _salt;
    private readonly byte[] _key;

    private PasswordHash(int iterations, byte[] salt, byte[] key)
    {
        _iterations = iterations;
        _salt = salt;
        _key = key;
    }

    /// <summary>The hash of <paramref name="password"/> with a new random salt and <see cref="Iterations"/>.</summary>
    public static string Compute(string password)
    {
        Guard.NotNull(password, nameof(password));
        var salt = new byte[SaltBytes];
        using (var random = RandomNumberGenerator.Create())
        {
            random.GetBytes(salt);
        }
        var key = DeriveKey(Encoding.UTF8.GetBytes(password), salt, Iterations);
        return string.Join("$", Scheme, Iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(key));
    }

    /// <summary>Reads a hash in <see cref="Format"/>; anything else, non-canonical base64 included, is null.</summary>
    public static PasswordHash? Parse(string? text)
    {
        var parts = text?.Split('$');
        if (parts is null || parts.Length != 4 || parts[0] != Scheme
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations)
            || iterations.ToString(CultureInfo.InvariantCulture) != parts[1]
            || iterations is < MinIterations or > MaxIterations)
        {
            return null;
        }

        var salt = CanonicalBase64(parts[2], SaltBytes);
        var key = CanonicalBase64(parts[3], KeyBytes);
        return salt is null || key is null ? null : new PasswordHash(iterations, salt, key);
    }

    /// <summary>True when <paramref name="password"/> (UTF-8) derives the key; compared in constant time. Slow by design.</summary>
    public bool Verifies(ReadOnlySpan<byte> password)
    {
        var derived = DeriveKey(password, _salt, _iterations);
#if NET
        return CryptographicOperations.FixedTimeEquals(derived, _key);
#else
        var difference = 0;
        for (var i = 0; i < KeyBytes; i++)
        {
            difference |= derived[i] ^ _key[i];
        }
        return difference == 0;
#endif
    }

    private static byte[]? CanonicalBase64(string text, int length)
    {
        var bytes = StrictBase64.Decode(text);
        return bytes is not null && bytes.Length == length && Convert.ToBase64String(bytes) == text ? bytes : null;
    }

    private static byte[] DeriveKey(ReadOnlySpan<byte> password, byte[] salt, int iterations)
    {
#if NET
        return Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, KeyBytes);
#else
        // netstandard2.0 has PBKDF2 with SHA-1 only: RFC 8018's F for the one block a 32-byte SHA-256 key needs.
        using var hmac = new HMACSHA256(password.ToArray());
        var block = hmac.ComputeHash([.. salt, 0, 0, 0, 1]);
        var derived = (byte[])block.Clone();
        for (var i = 1; i < iterations; i++)
        {
            block = hmac.ComputeHash(block);
            for (var j = 0; j < KeyBytes; j++)
            {
                derived[j] ^= block[j];
            }
        }
        return derived;
#endif
    }
}
