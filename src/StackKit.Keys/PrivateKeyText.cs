namespace StackKit.Keys;

/// <summary>
/// Recognizes private key files given where a public key belongs (the <c>.pub</c> forgotten): OpenSSH's own format,
/// PEM (PKCS#1 RSA, SEC1 EC, DSA, PKCS#8, encrypted or not), the SSH2 (RFC 4716) form and PuTTY's <c>.ppk</c>. A
/// private key is refused with <see cref="Refusal"/> alone, and no part of it is ever quoted.
/// </summary>
public static class PrivateKeyText
{
    /// <summary>The one message for a private key given as a public key.</summary>
    public const string Refusal =
        "This is a private key, which must never leave your machine; nothing of it was sent or stored. " +
        "Pass the public key instead: the .pub file beside it (such as ~/.ssh/id_ed25519.pub).";

    /// <summary>Whether any line of <paramref name="text"/> starts a private key.</summary>
    public static bool Contains(string text)
    {
        foreach (var line in Guard.NotNull(text, nameof(text)).Split('\n'))
        {
            if (IsFirstLine(line))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the line is the first line of a private key (its BEGIN line, or PuTTY's header).</summary>
    public static bool IsFirstLine(string line) => Marker(line, "BEGIN") || Trimmed(line).StartsWith("PuTTY-User-Key-File-", StringComparison.Ordinal);

    /// <summary>Whether the line is the last line of a private key (its END line, or PuTTY's <c>Private-MAC:</c>).</summary>
    public static bool IsLastLine(string line) => Marker(line, "END") || Trimmed(line).StartsWith("Private-MAC:", StringComparison.Ordinal);

    // "-----BEGIN OPENSSH PRIVATE KEY-----", "-----BEGIN RSA PRIVATE KEY-----", "-----BEGIN ENCRYPTED PRIVATE KEY-----",
    // "---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----", "-----BEGIN PGP PRIVATE KEY BLOCK-----": dashes, the word, a label
    // naming a private key, dashes.
    private static bool Marker(string line, string word)
    {
        var text = Trimmed(line);
        if (!text.StartsWith("----", StringComparison.Ordinal) || !text.EndsWith("----", StringComparison.Ordinal))
        {
            return false;
        }

        var label = text.Trim('-').Trim();
        return label.StartsWith(word + " ", StringComparison.Ordinal) && label.Contains("PRIVATE KEY");
    }

    private static string Trimmed(string line) => Guard.NotNull(line, nameof(line)).Trim();
}
