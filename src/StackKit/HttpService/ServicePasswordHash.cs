using System.Security.Cryptography;
using System.Text;

namespace StackKit.HttpService;

/// <summary>
/// The service password as the template carries it: <c>pbkdf2-sha256$&lt;iterations&gt;$&lt;salt&gt;$&lt;key&gt;</c>
/// (PBKDF2-HMAC-SHA256 of the UTF-8 password, a 16-byte random salt, a 32-byte key, both base64). The plaintext never
/// leaves the caller: the launch template, the user data and instance metadata hold only this slow, salted hash.
/// </summary>
internal static class ServicePasswordHash
{
    /// <summary>OWASP's figure for PBKDF2-HMAC-SHA256; docs/templates.md weighs it against a t3.micro's CPU.</summary>
    public const int Iterations = 600_000;

    /// <summary>What the template parameter accepts: empty (the server's default password) or a hash in this format.</summary>
    public const string Pattern = @"^$|^pbkdf2-sha256\$[1-9][0-9]{5,6}\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$";

    /// <summary>The parameter's constraint description, which is also what a refused value is told.</summary>
    public const string Format = "empty, or pbkdf2-sha256$<iterations 100000 to 9999999>$<16-byte salt, base64>$<32-byte PBKDF2-HMAC-SHA256 key, base64>";

    private const int MinLength = 12;
    private const int MaxLength = 128;
    private const int SaltBytes = 16;
    private const int KeyBytes = 32;

    /// <summary>The hash of <paramref name="password"/> with a new random salt.</summary>
    public static string Compute(string password)
    {
        var salt = new byte[SaltBytes];
        using (var random = RandomNumberGenerator.Create())
        {
            random.GetBytes(salt);
        }
        var key = DeriveKey(Encoding.UTF8.GetBytes(password), salt, Iterations);
        return $"pbkdf2-sha256${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(key)}";
    }

    /// <summary>Refuses a password the service should not take, without repeating it.</summary>
    /// <exception cref="ArgumentException">Too short, too long, or holding a control character.</exception>
    public static void CheckPassword(string password, string paramName)
    {
        if (password.Length is < MinLength or > MaxLength || password.Any(char.IsControl))
        {
            throw new ArgumentException(
                $"The given value is not a valid service password: use {MinLength} to {MaxLength} characters, none of them a control character " +
                "(a passphrase with spaces is fine: only its salted hash is sent).", paramName);
        }
    }

    private static byte[] DeriveKey(byte[] password, byte[] salt, int iterations)
    {
#if NET
        return Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, KeyBytes);
#else
        // netstandard2.0 has PBKDF2 with SHA-1 only: RFC 8018's F for the one block a 32-byte SHA-256 key needs.
        using var hmac = new HMACSHA256(password);
        var block = hmac.ComputeHash([.. salt, 0, 0, 0, 1]);
        var key = (byte[])block.Clone();
        for (var i = 1; i < iterations; i++)
        {
            block = hmac.ComputeHash(block);
            for (var j = 0; j < KeyBytes; j++)
            {
                key[j] ^= block[j];
            }
        }
        return key;
#endif
    }
}
