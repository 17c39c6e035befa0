using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace StackKit.Keys;

/// <summary>
/// One OpenSSH public key line (<c>type base64-blob [comment]</c>) of a current key type, checked so that writing it
/// to <c>authorized_keys</c> grants exactly this key: no options, no second line, a blob that decodes and names the
/// same type.
/// </summary>
public sealed class OpenSshPublicKey
{
    /// <summary>The longest key line accepted, in UTF-8 bytes.</summary>
    public const int MaxLineBytes = 8 * 1024;

    /// <summary>The smallest RSA modulus accepted, in bits.</summary>
    public const int MinRsaBits = 2048;

    /// <summary>The largest RSA modulus accepted, in bits (OpenSSH's own limit).</summary>
    public const int MaxRsaBits = 16384;

    /// <summary>The longest comment accepted, in Unicode code points.</summary>
    public const int MaxCommentLength = 256;

    // Combining marks in a row after one letter: enough for real scripts, too few to stack text over other lines.
    private const int MaxCombiningMarks = 3;

    // Letters and symbols that render as blank space, and the replacement characters of broken text.
    private static readonly int[] BlankLookingCharacters = [0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800, 0xFFFC, 0xFFFD];

    private static readonly char[] OptionCharacters = ['=', '"', ','];

    private static readonly string[] SupportedTypes =
    [
        "ssh-ed25519",
        "ecdsa-sha2-nistp256",
        "ecdsa-sha2-nistp384",
        "ecdsa-sha2-nistp521",
        "sk-ssh-ed25519@openssh.com",
        "sk-ecdsa-sha2-nistp256@openssh.com",
        "ssh-rsa",
    ];

    private OpenSshPublicKey(string type, string blob, string? comment, string fingerprint)
    {
        Type = type;
        Blob = blob;
        Comment = comment;
        Fingerprint = fingerprint;
    }

    /// <summary>The key type, such as <c>ssh-ed25519</c>.</summary>
    public string Type { get; }

    /// <summary>The key blob as it appears in the line (base64).</summary>
    public string Blob { get; }

    /// <summary>The comment after the blob, or null when there is none.</summary>
    public string? Comment { get; }

    /// <summary>The fingerprint as <c>ssh-keygen -l</c> prints it: <c>SHA256:</c> and unpadded base64.</summary>
    public string Fingerprint { get; }

    /// <summary>The line to write to <c>authorized_keys</c>, without a line break.</summary>
    public string Line => Comment is null ? $"{Type} {Blob}" : $"{Type} {Blob} {Comment}";

    /// <inheritdoc />
    public override string ToString() => Line;

    /// <summary>
    /// Parses one key line (no line break) and checks it; throws <see cref="FormatException"/> saying what is wrong.
    /// The message never quotes the text given, but for words that cannot be key data: a private key is refused with
    /// <see cref="PrivateKeyText.Refusal"/> alone.
    /// </summary>
    public static OpenSshPublicKey Parse(string line)
    {
        Guard.NotNull(line, nameof(line));
        if (PrivateKeyText.Contains(line))
        {
            throw new FormatException(PrivateKeyText.Refusal);
        }

        CheckCharacters(line);

        var firstSpace = line.IndexOf(' ');
        var type = firstSpace < 0 ? line : line.Substring(0, firstSpace);
        CheckType(type);
        if (firstSpace < 0 || firstSpace == line.Length - 1)
        {
            throw new FormatException($"The key line has no base64 key data after '{type}'; send the whole line of the .pub file.");
        }

        var rest = line.Substring(firstSpace + 1);
        var secondSpace = rest.IndexOf(' ');
        var blob = secondSpace < 0 ? rest : rest.Substring(0, secondSpace);
        var comment = secondSpace < 0 ? null : rest.Substring(secondSpace + 1);
        if (blob.Length == 0)
        {
            throw new FormatException("The key type and the key data must be separated by a single space.");
        }

        var blobBytes = DecodeBlob(blob);
        CheckBlob(type, blobBytes);
        if (!string.IsNullOrEmpty(comment))
        {
            CheckComment(comment!);
        }

        return new OpenSshPublicKey(type, blob, string.IsNullOrEmpty(comment) ? null : comment, SshKeyFingerprint.OfBlob(blobBytes));
    }

    private static void CheckCharacters(string line)
    {
        if (line.Length == 0)
        {
            throw new FormatException("The key is empty; send the base64 of a public key line such as the contents of ~/.ssh/id_ed25519.pub.");
        }

        var bytes = Encoding.UTF8.GetByteCount(line);
        if (bytes > MaxLineBytes)
        {
            throw new FormatException($"The key line is {bytes} bytes long; at most {MaxLineBytes} are accepted.");
        }

        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\n')
            {
                throw new FormatException("The key holds more than one line; send exactly one public key line.");
            }

            if (c == '\r')
            {
                throw new FormatException("The key holds a carriage return (a CRLF line ending?); send the .pub file with Unix line endings.");
            }

            if (char.IsControl(c))
            {
                throw new FormatException(FormattableString.Invariant(
                    $"The key holds the control character U+{(int)c:X4} at position {i}; a key line is printable text only."));
            }

            // Invisible characters (bidi overrides, zero-width, line/paragraph separators) would make the comment an
            // administrator reads differ from what is stored.
            if (CharUnicodeInfo.GetUnicodeCategory(line, i) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                throw new FormatException(FormattableString.Invariant(
                    $"The key holds the invisible character U+{char.ConvertToUtf32(line, i):X4} at position {i}; the comment must be visible text (no bidi overrides, zero-width or line separator characters)."));
            }
        }

        if (line[0] == ' ')
        {
            throw new FormatException("The key line starts with a space; it must start with the key type, such as ssh-ed25519.");
        }
    }

    // An allow-list: what an administrator reads in authorized_keys or a log is what is stored, so no character that
    // looks like a space, renders as nothing, or has no meaning (noncharacters, private use, unassigned).
    private static void CheckComment(string comment)
    {
        var length = 0;
        var marks = 0;
        var afterBase = false;
        for (var i = 0; i < comment.Length; i += char.IsSurrogatePair(comment, i) ? 2 : 1)
        {
            if (++length > MaxCommentLength)
            {
                throw new FormatException(FormattableString.Invariant(
                    $"The comment is longer than {MaxCommentLength} characters; a comment may be at most {MaxCommentLength} characters (ssh-keygen -c changes it)."));
            }

            var codePoint = char.IsSurrogatePair(comment, i) ? char.ConvertToUtf32(comment, i) : comment[i];
            var category = CharUnicodeInfo.GetUnicodeCategory(comment, i);
            var isMark = category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
            var allowed = isMark
                ? afterBase && marks < MaxCombiningMarks && !IsInvisibleMark(codePoint)
                : codePoint == ' ' || (IsVisible(category) && Array.IndexOf(BlankLookingCharacters, codePoint) < 0);
            if (!allowed)
            {
                throw new FormatException(FormattableString.Invariant(
                    $"The comment holds U+{codePoint:X4} at position {i}, which is not accepted: a comment may hold letters, digits, punctuation, symbols, combining marks after a letter (at most {MaxCombiningMarks}) and the ASCII space, and nothing that looks blank or invisible."));
            }

            marks = isMark ? marks + 1 : 0;
            afterBase = isMark ? afterBase : category <= UnicodeCategory.OtherNumber && category >= UnicodeCategory.DecimalDigitNumber
                || category <= UnicodeCategory.OtherLetter;
        }
    }

    private static bool IsVisible(UnicodeCategory category) => category switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => true,
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
        UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
            or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation => true,
        UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol
            or UnicodeCategory.OtherSymbol => true,
        _ => false,
    };

    // Marks that render as nothing: the combining grapheme joiner, variation selectors, Khmer inherent vowels.
    private static bool IsInvisibleMark(int codePoint) =>
        codePoint is 0x034F or 0x17B4 or 0x17B5 or (>= 0x180B and <= 0x180F) or (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0100 and <= 0xE01EF);

    private static void CheckType(string type)
    {
        if (Array.IndexOf(SupportedTypes, type) >= 0)
        {
            return;
        }

        if (type is "restrict" or "no-pty" or "cert-authority" || type.IndexOfAny(OptionCharacters) >= 0 && !IsBase64Text(type))
        {
            throw new FormatException("The key line starts with options; options such as command=\"...\" or restrict are not accepted: send the bare key line.");
        }

        // Base64 (a line of a private key, key data without its type) is never quoted: it may be secret.
        if (IsBase64Text(type))
        {
            throw new FormatException($"The key line does not start with a key type; it must start with one of: {string.Join(", ", SupportedTypes)}, then the base64 key data (send the line of the .pub file).");
        }

        if (type == "ssh-dss")
        {
            throw new FormatException("DSA keys (ssh-dss) are not accepted: OpenSSH no longer supports them. Generate an Ed25519 key: ssh-keygen -t ed25519.");
        }

        throw new FormatException($"The key type '{Cut(type)}' is not accepted; use one of: {string.Join(", ", SupportedTypes)}.");
    }

    private static bool IsBase64Text(string text)
    {
        foreach (var c in text)
        {
            if (!StrictBase64.IsAlphabet(c))
            {
                return false;
            }
        }

        return true;
    }

    // A wrong type is quoted so a typo is seen, but never at length.
    private static string Cut(string type) => type.Length <= 40 ? type : type.Remove(40) + "…";

    private static byte[] DecodeBlob(string blob)
    {
        var bytes = StrictBase64.Decode(blob)
            ?? throw new FormatException("The key data is not valid base64; send the line of the .pub file unchanged.");

        // Base64 that sets the unused bits before '=' decodes to the same key but is another string: it would defeat
        // the duplicate check, which compares blobs as written.
        if (Convert.ToBase64String(bytes) != blob)
        {
            throw new FormatException("The key data is not canonical base64 (unused bits before the '=' padding are set); send the line of the .pub file unchanged.");
        }

        return bytes;
    }

    private static void CheckBlob(string type, ReadOnlySpan<byte> blob)
    {
        var reader = new SshWireReader(blob);
        if (!reader.TryReadString(out var blobType))
        {
            throw new FormatException("The key data is truncated: it does not even hold its key type.");
        }

        var actualType = Encoding.ASCII.GetString(blobType.ToArray());
        if (actualType != type)
        {
            var named = Array.IndexOf(SupportedTypes, actualType) >= 0 ? $"a '{actualType}' key" : "not a key of that type";
            throw new FormatException($"The key data is {named} but the line says '{type}'; send the line of the .pub file unchanged.");
        }

        var valid = type switch
        {
            "ssh-ed25519" => ReadEd25519(ref reader),
            "sk-ssh-ed25519@openssh.com" => ReadEd25519(ref reader) && ReadApplication(ref reader),
            "ecdsa-sha2-nistp256" => ReadEcdsa(ref reader, "nistp256", ECCurve.NamedCurves.nistP256, 32),
            "ecdsa-sha2-nistp384" => ReadEcdsa(ref reader, "nistp384", ECCurve.NamedCurves.nistP384, 48),
            "ecdsa-sha2-nistp521" => ReadEcdsa(ref reader, "nistp521", ECCurve.NamedCurves.nistP521, 66),
            "sk-ecdsa-sha2-nistp256@openssh.com" => ReadEcdsa(ref reader, "nistp256", ECCurve.NamedCurves.nistP256, 32) && ReadApplication(ref reader),
            _ => ReadRsa(ref reader),
        };
        if (!valid || !reader.AtEnd)
        {
            throw new FormatException($"The key data is truncated or malformed for a {type} key; send the line of the .pub file unchanged.");
        }
    }

    private static bool ReadEd25519(ref SshWireReader reader) => reader.TryReadString(out var key) && key.Length == 32;

    // OpenSSH reads the application as a C string and only accepts FIDO applications starting with "ssh:"; a key whose
    // application it cannot read never logs in, so it would sit in authorized_keys as a key that looks valid.
    private static bool ReadApplication(ref SshWireReader reader)
    {
        if (!reader.TryReadString(out var application))
        {
            return false;
        }

        var valid = application.Length >= 4 && application.Slice(0, 4).SequenceEqual("ssh:"u8);
        foreach (var b in application)
        {
            valid &= b is >= 0x20 and < 0x7F;
        }

        return valid
            ? true
            : throw new FormatException("The security key's application string must start with 'ssh:' and hold only printable ASCII (no NUL): OpenSSH cannot use this key. Send the line of the .pub file unchanged, or create the key again with ssh-keygen -t ed25519-sk.");
    }

    private static bool ReadEcdsa(ref SshWireReader reader, string curveName, ECCurve curve, int fieldBytes)
    {
        if (!reader.TryReadString(out var name) || !name.SequenceEqual(Encoding.ASCII.GetBytes(curveName))
            || !reader.TryReadString(out var point) || point.Length != 1 + (2 * fieldBytes) || point[0] != 4)
        {
            return false;
        }

        CheckOnCurve(curveName, curve, point.Slice(1, fieldBytes).ToArray(), point.Slice(1 + fieldBytes).ToArray());
        return true;
    }

    // A point off the curve is no key at all (and invalid-curve points are an attack on ECDH-style uses).
    private static void CheckOnCurve(string curveName, ECCurve curve, byte[] x, byte[] y)
    {
        try
        {
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportParameters(new ECParameters { Curve = curve, Q = new ECPoint { X = x, Y = y } });
        }
        catch (CryptographicException)
        {
            throw new FormatException($"The ECDSA key's point is not on the {curveName} curve: this is not a valid key. Send the line of the .pub file unchanged, or generate a new key: ssh-keygen -t ed25519.");
        }
    }

    private static bool ReadRsa(ref SshWireReader reader)
    {
        if (!reader.TryReadString(out var exponent) || !reader.TryReadString(out var modulus)
            || exponent.IsEmpty || modulus.IsEmpty || (exponent[0] & 0x80) != 0 || (modulus[0] & 0x80) != 0)
        {
            return false;
        }

        // An mpint is minimal (RFC 4251): a leading zero only before a byte with its high bit set. Another spelling of
        // the same key would pass the duplicate check, and stand beside a restricted line of that key as a plain one.
        if (!IsMinimal(exponent) || !IsMinimal(modulus))
        {
            throw new FormatException($"The RSA {(IsMinimal(exponent) ? "modulus" : "public exponent")} has a superfluous leading zero byte (not the canonical encoding ssh-keygen writes); send the line of the .pub file unchanged.");
        }

        var exponentBits = BitLength(exponent);
        if (exponentBits > 64)
        {
            throw new FormatException("The RSA public exponent is over 64 bits long; it must be odd, at least 3 and fit in 64 bits (ssh-keygen uses 65537). Generate a new key: ssh-keygen -t ed25519.");
        }

        var e = 0UL;
        foreach (var b in exponent)
        {
            e = (e << 8) | b;
        }

        if (e < 3 || e % 2 == 0)
        {
            throw new FormatException(FormattableString.Invariant(
                $"The RSA public exponent is {e}; it must be odd, at least 3 and fit in 64 bits (ssh-keygen uses 65537). Generate a new key: ssh-keygen -t ed25519."));
        }

        var bits = BitLength(modulus);
        if (bits < MinRsaBits || bits > MaxRsaBits)
        {
            throw new FormatException(FormattableString.Invariant(
                $"The RSA key has {bits} bits; {MinRsaBits} to {MaxRsaBits} are accepted (OpenSSH refuses larger keys). Generate a new key: ssh-keygen -t ed25519 (or -t rsa -b 4096)."));
        }

        if ((modulus[modulus.Length - 1] & 1) == 0)
        {
            throw new FormatException("The RSA modulus is even, so it is not the product of two large primes: this is not a valid key. Generate a new key: ssh-keygen -t ed25519.");
        }

        return true;
    }

    private static bool IsMinimal(ReadOnlySpan<byte> mpint) => mpint[0] != 0 || (mpint.Length > 1 && (mpint[1] & 0x80) != 0);

    /// <summary>The bit length of a big-endian unsigned integer (leading zero bytes ignored).</summary>
    private static int BitLength(ReadOnlySpan<byte> value)
    {
        var start = 0;
        while (start < value.Length && value[start] == 0)
        {
            start++;
        }

        if (start == value.Length)
        {
            return 0;
        }

        var bits = (value.Length - start - 1) * 8;
        for (int top = value[start]; top != 0; top >>= 1)
        {
            bits++;
        }

        return bits;
    }
}
