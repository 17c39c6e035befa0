using System.Text.RegularExpressions;

namespace StackKit.Server.Tests.Support;

/// <summary>
/// Real private keys from ssh-keygen in every form a user may hold (OpenSSH, PEM RSA/EC/DSA, PKCS#8, encrypted or
/// not; for PuTTY's .ppk, which ssh-keygen does not write, a real key's secret base64 laid out as PuTTY writes it),
/// and the check that none of their secret lines appears in what a test captured.
/// </summary>
internal static partial class PrivateKeys
{
    private static readonly string[][] KeygenArguments =
    [
        ["-t", "ed25519", "-N", ""],
        ["-t", "ed25519", "-N", "a passphrase"],
        ["-t", "rsa", "-b", "2048", "-m", "PEM", "-N", "a passphrase"],
        ["-t", "ecdsa", "-m", "PEM", "-N", ""],
        ["-t", "dsa", "-m", "PEM", "-N", ""],
        ["-t", "ecdsa", "-m", "PKCS8", "-N", ""],
        ["-t", "rsa", "-b", "2048", "-m", "PKCS8", "-N", "a passphrase"],
    ];

    private static readonly Lazy<Task<IReadOnlyList<string>>> All = new(GenerateAsync);

    /// <summary>The text of each private key file, generated once per test run.</summary>
    public static Task<IReadOnlyList<string>> AllAsync() => All.Value;

    /// <summary>Fails when any secret line (base64 of 16 characters or more) of <paramref name="privateKey"/> is in <paramref name="captured"/>.</summary>
    public static void AssertNotIn(string privateKey, string captured)
    {
        var secret = SecretLines(privateKey);
        Assert.NotEmpty(secret);
        foreach (var line in secret)
        {
            Assert.False(captured.Contains(line, StringComparison.Ordinal), $"A line of the private key ({line[..8]}…) was echoed.");
        }
    }

    /// <summary>The base64 lines of a key's body; a short last line is left out, since it could match by chance.</summary>
    public static IReadOnlyList<string> SecretLines(string privateKey) =>
        privateKey.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => Base64Line().IsMatch(line)).ToList();

    private static async Task<IReadOnlyList<string>> GenerateAsync()
    {
        var folder = Directory.CreateTempSubdirectory("stackkit-private-keys-");
        try
        {
            var keys = new List<string>();
            for (var i = 0; i < KeygenArguments.Length; i++)
            {
                var file = Path.Combine(folder.FullName, $"id{i}");
                var (exitCode, output) = await Tool.RunAsync("ssh-keygen", ["-q", .. KeygenArguments[i], "-C", "me@laptop", "-f", file]);
                Assert.True(exitCode == 0, output);
                keys.Add(await File.ReadAllTextAsync(file));
            }

            keys.Add(Ppk(keys[0], (await File.ReadAllTextAsync(Path.Combine(folder.FullName, "id0.pub"))).Split(' ')[1]));
            return keys;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string Ppk(string openSshKey, string publicBlob)
    {
        var secret = SecretLines(openSshKey);
        return string.Join('\n', [
            "PuTTY-User-Key-File-3: ssh-ed25519", "Encryption: none", "Comment: me@laptop", "Public-Lines: 1", publicBlob,
            $"Private-Lines: {secret.Count}", .. secret, "Private-MAC: " + new string('a', 64), ""]);
    }

    [GeneratedRegex("^[A-Za-z0-9+/=]{16,}$")]
    private static partial Regex Base64Line();
}
