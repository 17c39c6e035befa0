using System.Security.Cryptography;
using StackKit.Server.Keys;
using StackKit.Server.Tests.Support;

namespace StackKit.Server.Tests;

public sealed class OpenSshPublicKeyTests
{
    public static TheoryData<string> AcceptedKeys() =>
    [
        TestKeys.Ed25519(),
        TestKeys.Ed25519(comment: null),
        TestKeys.Ed25519(comment: "Jane Doe's laptop (work)"),
        TestKeys.Rsa(2048),
        TestKeys.Rsa(4096),
        TestKeys.Ecdsa("nistp256", ECCurve.NamedCurves.nistP256),
        TestKeys.Ecdsa("nistp384", ECCurve.NamedCurves.nistP384),
        TestKeys.Ecdsa("nistp521", ECCurve.NamedCurves.nistP521),
        TestKeys.SkEd25519(),
        TestKeys.SkEcdsa(),
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
            { TestKeys.Rsa(1024), "1024 bits; at least 2048" },
            { "ssh-ed25519 " + blob[..^8], "truncated or malformed" },
            { "ssh-ed25519 " + blob[..^1], "not valid base64" },
            { "ssh-ed25519 " + TestKeys.Blob("ssh-ed25519", new byte[31]), "truncated or malformed" },
            { "ssh-ed25519 " + TestKeys.Blob("ssh-ed25519", new byte[32], new byte[1]), "truncated or malformed" },
            { "ssh-ed25519 !!!!" + blob[4..], "not valid base64" },
            { "ssh-ed25519 " + blob[..40] + " " + blob[40..], "truncated or malformed" },
            { ed25519 + "\r", "carriage return" },
            { ed25519 + " a\0b", "U+0000" },
            { ed25519 + " tab\there", "U+0009" },
            { ed25519 + " " + new string('x', 8 * 1024), "at most 8192" },
            { " " + ed25519, "starts with a space" },
            { "ssh-ed25519  " + blob, "single space" },
            { "ssh-ed25519", "no base64 key data" },
            { "ssh-ed25519-cert-v01@openssh.com " + blob, "not accepted" },
            { TestKeys.NonCanonicalBase64(TestKeys.Ecdsa("nistp256", ECCurve.NamedCurves.nistP256)), "not canonical base64" },
            { "ecdsa-sha2-nistp256 " + TestKeys.Ecdsa("nistp384", ECCurve.NamedCurves.nistP384).Split(' ')[1], "the line says 'ecdsa-sha2-nistp256'" },
            { "ecdsa-sha2-nistp256 " + TestKeys.Blob("ecdsa-sha2-nistp256", "nistp384"u8.ToArray(), [4, .. new byte[64]]), "truncated or malformed" },
        };
    }

    [Theory]
    [MemberData(nameof(RejectedKeys))]
    public void Parse_rejects_anything_but_one_plain_key_line_and_says_why(string line, string reason)
    {
        var error = Assert.Throws<FormatException>(() => OpenSshPublicKey.Parse(line));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
