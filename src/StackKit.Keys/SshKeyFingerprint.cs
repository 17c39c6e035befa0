using System.Security.Cryptography;

namespace StackKit.Keys;

/// <summary>
/// The one fingerprint rule of StackKit: <c>SHA256:</c> and the unpadded, canonical base64 of the SHA-256 of the key
/// blob, as <c>ssh-keygen -l</c> prints it. A text is a fingerprint only when it is exactly what formatting its hash
/// gives back, so one key has one fingerprint and every part of StackKit agrees on it.
/// </summary>
public static class SshKeyFingerprint
{
    /// <summary>What every fingerprint starts with.</summary>
    public const string Prefix = "SHA256:";

    /// <summary>An example, for messages that say what a fingerprint looks like.</summary>
    public const string Example = "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU";

    private const int HashBytes = 32;

    /// <summary>
    /// Reads a fingerprint: true, with the 32-byte SHA-256, only for the exact text <see cref="Format"/> writes
    /// (no padding, no unused bits set, no whitespace).
    /// </summary>
    public static bool TryParse(string? text, out byte[] sha256)
    {
        sha256 = [];
        if (text is null || !text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var base64 = text.Remove(0, Prefix.Length) + "=";
        var hash = StrictBase64.Decode(base64);
        if (hash is not { Length: HashBytes } || Convert.ToBase64String(hash) != base64)
        {
            return false;
        }

        sha256 = hash;
        return true;
    }

    /// <summary>Whether <paramref name="text"/> is a fingerprint (see <see cref="TryParse"/>).</summary>
    public static bool IsValid(string? text) => TryParse(text, out _);

    /// <summary>The fingerprint of a 32-byte SHA-256 hash.</summary>
    public static string Format(byte[] sha256)
    {
        if (sha256 is not { Length: HashBytes })
        {
            throw new ArgumentException("A fingerprint is made from a 32-byte SHA-256 hash.", nameof(sha256));
        }

        return Prefix + Convert.ToBase64String(sha256).TrimEnd('=');
    }

    /// <summary>The fingerprint of a key blob (the decoded key data of a key line).</summary>
    internal static string OfBlob(byte[] blob)
    {
#if NET
        return Format(SHA256.HashData(blob));
#else
        using var sha256 = SHA256.Create();
        return Format(sha256.ComputeHash(blob));
#endif
    }
}
