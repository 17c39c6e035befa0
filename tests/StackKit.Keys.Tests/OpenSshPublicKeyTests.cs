using System.Security.Cryptography;
using StackKit.Keys;
using StackKit.Server.Tests.Support;

namespace StackKit.Keys.Tests;

public sealed class OpenSshPublicKeyTests
{
    public static TheoryData<string> AcceptedKeys() =>
    [
        TestKeys.Ed25519(),
        TestKeys.Ed25519(comment: null),
        TestKeys.Ed25519(comment: "Jane Doe's laptop (work)"),
        TestKeys.Ed25519(comment: "Zoë's Straße-laptop 🔑 工作"),
        TestKeys.Rsa(2048),
        TestKeys.Rsa(4096),
        TestKeys.Ecdsa("nistp256", ECCurve.NamedCurves.nistP256),
        TestKeys.Ecdsa("nistp384", ECCurve.NamedCurves.nistP384),
        TestKeys.Ecdsa("nistp521", ECCurve.NamedCurves.nistP521),
        TestKeys.SkEd25519(),
        TestKeys.SkEcdsa(),
        RsaLine([1, 0, 1], OddModulus(16384)),
        RsaLine([3], OddModulus(2048)),
        TestKeys.Ed25519(comment: "Zoe\u0308 decomposed"),
        TestKeys.Ed25519(comment: "नमस्ते"),
        TestKeys.Ed25519(comment: new string('c', OpenSshPublicKey.MaxCommentLength)),
        SkEd25519("ssh:stackkit"u8.ToArray()),
    ];

    [Theory]
    [MemberData(nameof(AcceptedKeys))]
    public void Parse_accepts_current_key_types_and_keeps_the_line(string line)
    {
        var key = OpenSshPublicKey.Parse(line);

        Assert.Equal(line, key.Line);
        Assert.Equal(line.Split(' ')[0], key.Type);
    }

    [Fact]
    public async Task Fingerprint_and_comment_match_what_ssh_keygen_prints()
    {
        var home = Directory.CreateTempSubdirectory("stackkit-keygen-");
        try
        {
            var privateKey = await Tool.GenerateKeyPairAsync(home.FullName, "alice@example");
            var key = OpenSshPublicKey.Parse(File.ReadAllText(privateKey + ".pub").TrimEnd('\n'));

            var (_, printed) = await Tool.RunAsync("ssh-keygen", ["-l", "-f", privateKey + ".pub"]);
            Assert.Equal($"256 {key.Fingerprint} alice@example (ED25519)", printed.Trim());
            Assert.Equal("alice@example", key.Comment);
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }

    public static TheoryData<string, string> RejectedKeys()
    {
        var ed25519 = TestKeys.Ed25519(comment: null);
        var blob = ed25519.Split(' ')[1];
        return new()
        {
            { "", "empty" },
            { ed25519 + "\n" + TestKeys.Ed25519(), "more than one line" },
            { ed25519 + "\ncommand=\"/bin/sh\" " + TestKeys.Ed25519(), "more than one line" },
            { "command=\"/bin/evil\" " + ed25519, "options" },
            { "restrict " + ed25519, "options" },
            { "no-pty,from=\"10.0.0.1\" " + ed25519, "options" },
            { "ssh-rsa " + blob, "'ssh-ed25519' key but the line says 'ssh-rsa'" },
            { TestKeys.Line("ssh-dss", TestKeys.Blob("ssh-dss", new byte[128], new byte[20], new byte[128], new byte[128]), null), "DSA" },
            { TestKeys.Rsa(1024), "1024 bits; 2048 to 16384 are accepted" },
            { RsaLine([1], OddModulus(2048)), "public exponent is 1;" },
            { RsaLine([1, 0, 0], OddModulus(2048)), "public exponent is 65536;" },
            { RsaLine([1, 0, 0, 0, 0, 0, 0, 0, 1], OddModulus(2048)), "over 64 bits long" },
            { RsaLine([1, 0, 1], [.. OddModulus(2048)[..^1], 2]), "modulus is even" },
            { RsaLine([1, 0, 1], OddModulus(16385)), "16385 bits; 2048 to 16384 are accepted" },
            { OffCurve("nistp256", ECCurve.NamedCurves.nistP256), "not on the nistp256 curve" },
            { OffCurve("nistp384", ECCurve.NamedCurves.nistP384), "not on the nistp384 curve" },
            { OffCurve("nistp521", ECCurve.NamedCurves.nistP521), "not on the nistp521 curve" },
            { "ssh-ed25519 " + blob[..^8], "truncated or malformed" },
            { "ssh-ed25519 " + blob[..^1], "not valid base64" },
            { "ssh-ed25519 " + TestKeys.Blob("ssh-ed25519", new byte[31]), "truncated or malformed" },
            { "ssh-ed25519 " + TestKeys.Blob("ssh-ed25519", new byte[32], new byte[1]), "truncated or malformed" },
            { "ssh-ed25519 !!!!" + blob[4..], "not valid base64" },
            { "ssh-ed25519 " + blob[..40] + " " + blob[40..], "truncated or malformed" },
            { ed25519 + "\r", "carriage return" },
            { ed25519 + " a\0b", "U+0000" },
            { ed25519 + " tab\there", "U+0009" },
            { ed25519 + " alice\u202Epot.exe", "invisible character U+202E" },
            { ed25519 + " line\u2028break", "invisible character U+2028" },
            { ed25519 + " para\u2029break", "invisible character U+2029" },
            { ed25519 + " zero\u200Bwidth", "invisible character U+200B" },
            { ed25519 + " tag\U000E0041", "invisible character U+E0041" },
            { ed25519 + " " + new string('x', 8 * 1024), "at most 8192" },
            { " " + ed25519, "starts with a space" },
            { "ssh-ed25519  " + blob, "single space" },
            { "ssh-ed25519", "no base64 key data" },
            { "ssh-ed25519-cert-v01@openssh.com " + blob, "not accepted" },
            { TestKeys.NonCanonicalBase64(TestKeys.Ecdsa("nistp256", ECCurve.NamedCurves.nistP256)), "not canonical base64" },
            { "ecdsa-sha2-nistp256 " + TestKeys.Ecdsa("nistp384", ECCurve.NamedCurves.nistP384).Split(' ')[1], "the line says 'ecdsa-sha2-nistp256'" },
            { "ecdsa-sha2-nistp256 " + TestKeys.Blob("ecdsa-sha2-nistp256", "nistp384"u8.ToArray(), [4, .. new byte[64]]), "truncated or malformed" },
            // The same RSA key spelt with a superfluous leading zero would pass the duplicate check (and sit beside a
            // restricted line as a plain one).
            { RsaLine([0, 1, 0, 1], OddModulus(2048)), "leading zero" },
            { RsaLine([1, 0, 1], [0, .. OddModulus(2048)]), "leading zero" },
            { RsaLine([0], OddModulus(2048)), "leading zero" },
            { ed25519 + " hangul\u3164filler", "U+3164" },
            { ed25519 + " \u115F", "U+115F" },
            { ed25519 + " half\uFFA0width", "U+FFA0" },
            { ed25519 + " braille\u2800blank", "U+2800" },
            { ed25519 + " no\u00A0break", "U+00A0" },
            { ed25519 + " ideographic\u3000space", "U+3000" },
            { ed25519 + " a\u034Fjoiner", "U+034F" },
            { ed25519 + " e\u0301\u0301\u0301\u0301stacked", "U+0301" },
            { ed25519 + " \u0301lone-mark", "U+0301" },
            { ed25519 + " non\uFDD0character", "U+FDD0" },
            { ed25519 + " non\uFFFEcharacter", "U+FFFE" },
            { ed25519 + " private\uE000use", "U+E000" },
            { ed25519 + " private\U000F0000use", "U+F0000" },
            { ed25519 + " replacement\uFFFDchar", "U+FFFD" },
            { ed25519 + " " + new string('c', OpenSshPublicKey.MaxCommentLength + 1), "at most 256 characters" },
            { SkEd25519([]), "application" },
            { SkEd25519("ssh"u8.ToArray()), "application" },
            { SkEd25519("https://example.com"u8.ToArray()), "application" },
            { SkEd25519("ssh:a\0b"u8.ToArray()), "application" },
            { SkEcdsa("webauthn"u8.ToArray()), "application" },
        };
    }

    private static string SkEd25519(byte[] application) =>
        TestKeys.Line("sk-ssh-ed25519@openssh.com",
            TestKeys.Blob("sk-ssh-ed25519@openssh.com", RandomNumberGenerator.GetBytes(32), application), "sk@stackkit");

    private static string SkEcdsa(byte[] application)
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var q = ecdsa.ExportParameters(includePrivateParameters: false).Q;
        const string Type = "sk-ecdsa-sha2-nistp256@openssh.com";
        return TestKeys.Line(Type, TestKeys.Blob(Type, "nistp256"u8.ToArray(), [4, .. q.X!, .. q.Y!], application), "sk-ec@stackkit");
    }

    private static string RsaLine(byte[] exponent, byte[] modulus) =>
        TestKeys.Line("ssh-rsa", TestKeys.Blob("ssh-rsa", exponent, modulus), "rsa@stackkit");

    /// <summary>An mpint of exactly <paramref name="bits"/> bits, odd: the shape of a modulus (not a product of primes).</summary>
    private static byte[] OddModulus(int bits)
    {
        var value = RandomNumberGenerator.GetBytes((bits + 7) / 8);
        var topBits = bits % 8 == 0 ? 8 : bits % 8;
        value[0] = (byte)((value[0] & ((1 << topBits) - 1)) | (1 << (topBits - 1)));
        value[^1] |= 1;
        return (value[0] & 0x80) != 0 ? [0, .. value] : value;
    }

    /// <summary>A real key's point with its last coordinate byte changed: the right size, off the curve.</summary>
    private static string OffCurve(string curveName, ECCurve curve)
    {
        using var ecdsa = ECDsa.Create(curve);
        var q = ecdsa.ExportParameters(includePrivateParameters: false).Q;
        q.Y![^1] ^= 1;
        var type = "ecdsa-sha2-" + curveName;
        return TestKeys.Line(type, TestKeys.Blob(type, System.Text.Encoding.ASCII.GetBytes(curveName), [4, .. q.X!, .. q.Y!]), "ec@stackkit");
    }

    [Theory]
    [MemberData(nameof(RejectedKeys))]
    public void Parse_rejects_anything_but_one_plain_key_line_and_says_why(string line, string reason)
    {
        var error = Assert.Throws<FormatException>(() => OpenSshPublicKey.Parse(line));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    // A fact, not theory data: xunit's serialization of theory data would turn the lone surrogate into U+FFFD.
    [Fact]
    public void Parse_rejects_a_lone_surrogate_in_the_comment()
    {
        var error = Assert.Throws<FormatException>(() => OpenSshPublicKey.Parse(TestKeys.Ed25519(comment: "lone\uD800surrogate")));

        Assert.Contains("U+D800", error.Message, StringComparison.Ordinal);
    }
}
