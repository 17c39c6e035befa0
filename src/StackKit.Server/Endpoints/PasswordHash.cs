using System.Globalization;
using System.Security.Cryptography;

namespace StackKit.Server.Endpoints;

/// <summary>
/// A password's salted slow hash, <c>pbkdf2-sha256$&lt;iterations&gt;$&lt;salt&gt;$&lt;key&gt;</c>: PBKDF2-HMAC-SHA256,
/// a 16-byte salt and a 32-byte key, both base64 (what StackKit's deploy commands and the documented python3
/// one-liner write into <c>KeyInjection__PasswordHash</c>).
/// </summary>
internal sealed class PasswordHash
{
    /// <summary>The format, as a configuration error states it.</summary>
    public const string Format = "pbkdf2-sha256$<iterations 100000 to 9999999>$<16-byte salt, base64>$<32-byte PBKDF2-HMAC-SHA256 key, base64>";

    // Fewer iterations make offline guessing cheap; more make each login cost seconds of CPU.
    private const int MinIterations = 100_000;
    private const int MaxIterations = 9_999_999;
    private const int SaltBytes = 16;
    private const int KeyBytes = 32;

    private readonly int iterations;
    private readonly byte[] salt;
    private readonly byte[] key;

    private PasswordHash(int iterations, byte[] salt, byte[] key)
    {
        this.iterations = iterations;
        this.salt = salt;
        this.key = key;
    }

    /// <summary>Reads a hash in <see cref="Format"/>; anything else, non-canonical base64 included, is null.</summary>
    public static PasswordHash? Parse(string text)
    {
        var parts = text.Split('$');
        if (parts.Length != 4 || parts[0] != "pbkdf2-sha256"
            || parts[1].StartsWith('0')
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations)
            || iterations is < MinIterations or > MaxIterations)
        {
            return null;
        }

        var salt = Base64(parts[2], SaltBytes);
        var key = Base64(parts[3], KeyBytes);
        return salt is null || key is null ? null : new PasswordHash(iterations, salt, key);
    }

    /// <summary>True when <paramref name="password"/> (UTF-8) derives the key; compared in constant time. Slow by design.</summary>
    public bool Verifies(ReadOnlySpan<byte> password) =>
        CryptographicOperations.FixedTimeEquals(Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, KeyBytes), key);

    private static byte[]? Base64(string text, int length)
    {
        var bytes = new byte[length];
        return Convert.TryFromBase64String(text, bytes, out var written) && written == length && Convert.ToBase64String(bytes) == text ? bytes : null;
    }
}
