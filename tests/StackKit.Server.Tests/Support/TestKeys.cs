using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace StackKit.Server.Tests.Support;

/// <summary>Builds OpenSSH public key lines (valid or deliberately broken) without running ssh-keygen.</summary>
internal static class TestKeys
{
    public static string Ed25519(string? comment = "test@stackkit") =>
        Line("ssh-ed25519", Blob("ssh-ed25519", RandomNumberGenerator.GetBytes(32)), comment);

    public static string Rsa(int bits, string? comment = "rsa@stackkit")
    {
        using var rsa = RSA.Create(bits);
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        return Line("ssh-rsa", Blob("ssh-rsa", Mpint(parameters.Exponent!), Mpint(parameters.Modulus!)), comment);
    }

    public static string Ecdsa(string curveName, ECCurve curve)
    {
        using var ecdsa = ECDsa.Create(curve);
        var q = ecdsa.ExportParameters(includePrivateParameters: false).Q;
        var type = "ecdsa-sha2-" + curveName;
        return Line(type, Blob(type, Encoding.ASCII.GetBytes(curveName), [4, .. q.X!, .. q.Y!]), "ec@stackkit");
    }

    public static string SkEd25519() =>
        Line("sk-ssh-ed25519@openssh.com",
            Blob("sk-ssh-ed25519@openssh.com", RandomNumberGenerator.GetBytes(32), "ssh:"u8.ToArray()), "sk@stackkit");

    public static string SkEcdsa()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var q = ecdsa.ExportParameters(includePrivateParameters: false).Q;
        const string Type = "sk-ecdsa-sha2-nistp256@openssh.com";
        return Line(Type, Blob(Type, "nistp256"u8.ToArray(), [4, .. q.X!, .. q.Y!], "ssh:"u8.ToArray()), "sk-ec@stackkit");
    }

    /// <summary>The same key bytes with the lowest unused bit before the '=' padding set.</summary>
    public static string NonCanonicalBase64(string line)
    {
        var parts = line.Split(' ');
        var blob = parts[1];
        Assert.EndsWith("=", blob, StringComparison.Ordinal);
        var last = blob.TrimEnd('=').Length - 1;
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        parts[1] = blob[..last] + Alphabet[Alphabet.IndexOf(blob[last], StringComparison.Ordinal) ^ 1] + blob[(last + 1)..];
        Assert.Equal(Convert.FromBase64String(blob), Convert.FromBase64String(parts[1]));
        return string.Join(' ', parts);
    }

    /// <summary>The SSH wire encoding: the type name, then each field as a length-prefixed string.</summary>
    public static string Blob(string type, params byte[][] fields)
    {
        using var stream = new MemoryStream();
        foreach (var field in fields.Prepend(Encoding.ASCII.GetBytes(type)))
        {
            var length = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(length, field.Length);
            stream.Write(length);
            stream.Write(field);
        }

        return Convert.ToBase64String(stream.ToArray());
    }

    public static string Line(string type, string blob, string? comment) =>
        comment is null ? $"{type} {blob}" : $"{type} {blob} {comment}";

    /// <summary>What `cat key.pub | base64` prints with GNU coreutils: the file (with its newline) wrapped at 76.</summary>
    public static string GnuBase64(string keyFile)
    {
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(keyFile));
        return string.Join('\n', base64.Chunk(76).Select(chunk => new string(chunk)));
    }

    /// <summary>The body the original README's curl command sends for a key file.</summary>
    /// <summary>The 200 answer to a POST of <paramref name="line"/>: the key line and its expiry (UTC, or never).</summary>
    public static string SavedAnswer(string line) =>
        "^Key successfully saved:\n" + System.Text.RegularExpressions.Regex.Escape(line) + "\nValid until: (\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ|never)\n$";

    public static string ReadmeBody(string keyFile) => $"{{\"ssh_public_key\": \"{GnuBase64(keyFile)}\"}}";

    public static string JsonBody(string keyLine) =>
        $"{{\"ssh_public_key\": \"{Convert.ToBase64String(Encoding.UTF8.GetBytes(keyLine))}\"}}";

    private static byte[] Mpint(byte[] unsigned) => (unsigned[0] & 0x80) != 0 ? [0, .. unsigned] : unsigned;
}
