using System.Text.RegularExpressions;
using StackKit.Server.Tests.Support;

namespace StackKit.Keys.Tests;

public sealed class SshKeyFingerprintTests
{
    [Fact]
    public void A_key_s_fingerprint_parses_back_to_its_hash_and_formats_to_itself()
    {
        var key = OpenSshPublicKey.Parse(TestKeys.Ed25519());

        Assert.True(SshKeyFingerprint.TryParse(key.Fingerprint, out var hash));
        Assert.Equal(key.Fingerprint, SshKeyFingerprint.Format(hash));
    }

    // The core used to check fingerprints with this pattern and the server by canonical base64: 43 characters whose
    // last one sets bits past the 256 of a SHA-256 passed the one and failed the other. Removing such a "fingerprint"
    // was sent to the table, where no key can ever have it. Now both ask SshKeyFingerprint, which refuses it.
    [Theory]
    [InlineData("SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB")]
    [InlineData("SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFV")]
    public void A_fingerprint_with_bits_past_the_hash_set_is_refused_where_the_old_pattern_took_it(string text)
    {
        Assert.Matches(new Regex("^SHA256:[A-Za-z0-9+/]{43}$"), text);

        Assert.False(SshKeyFingerprint.IsValid(text));
    }

    [Theory]
    [InlineData("SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")]
    [InlineData("sha256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU")]
    [InlineData("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU")]
    [InlineData("SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuF")]
    [InlineData("SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3h SuFU")]
    [InlineData("MD5:16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_but_the_exact_form_is_refused(string? text) => Assert.False(SshKeyFingerprint.IsValid(text));

    [Fact]
    public void The_example_is_a_fingerprint() => Assert.True(SshKeyFingerprint.IsValid(SshKeyFingerprint.Example));
}
