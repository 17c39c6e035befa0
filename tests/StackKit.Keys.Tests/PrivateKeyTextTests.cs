using StackKit.Server.Tests.Support;

namespace StackKit.Keys.Tests;

public sealed class PrivateKeyTextTests
{
    [Fact]
    public async Task Every_form_of_private_key_is_refused_with_the_one_message_quoting_nothing()
    {
        foreach (var privateKey in await PrivateKeys.AllAsync())
        {
            Assert.True(PrivateKeyText.Contains(privateKey));
            var whole = Assert.Throws<FormatException>(() => OpenSshPublicKey.Parse(privateKey));
            Assert.Equal(PrivateKeyText.Refusal, whole.Message);

            // Line by line, as a file's lines reach a parser: the first line is the refusal, and no message quotes any other.
            var lines = privateKey.Split('\n').Where(line => line.Length > 0).ToList();
            Assert.Equal(PrivateKeyText.Refusal, Assert.Throws<FormatException>(() => OpenSshPublicKey.Parse(lines[0])).Message);
            Assert.True(PrivateKeyText.IsFirstLine(lines[0]));
            Assert.True(PrivateKeyText.IsLastLine(lines[^1]));
            var messages = lines.Select(line => Assert.Throws<FormatException>(() => OpenSshPublicKey.Parse(line)).Message);
            PrivateKeys.AssertNotIn(privateKey, string.Join('\n', messages));
        }
    }

    [Theory]
    [InlineData("---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----", "---- END SSH2 ENCRYPTED PRIVATE KEY ----")]
    [InlineData("-----BEGIN PGP PRIVATE KEY BLOCK-----", "-----END PGP PRIVATE KEY BLOCK-----")]
    [InlineData("  -----BEGIN OPENSSH PRIVATE KEY-----\r", "-----END OPENSSH PRIVATE KEY-----\r")]
    public void Other_private_key_armours_are_recognized(string first, string last)
    {
        Assert.True(PrivateKeyText.IsFirstLine(first));
        Assert.True(PrivateKeyText.IsLastLine(last));
        Assert.Equal(PrivateKeyText.Refusal, Assert.Throws<FormatException>(() => OpenSshPublicKey.Parse(first)).Message);
    }

    [Theory]
    [InlineData("---- BEGIN SSH2 PUBLIC KEY ----")]
    [InlineData("-----BEGIN PUBLIC KEY-----")]
    [InlineData("-----BEGIN CERTIFICATE-----")]
    public void Public_armours_are_no_private_key(string line) => Assert.False(PrivateKeyText.IsFirstLine(line));

    [Fact]
    public void A_public_key_line_is_no_private_key()
    {
        var line = TestKeys.Ed25519("-----BEGIN OPENSSH PRIVATE KEY----- in a comment is still one line");

        Assert.False(PrivateKeyText.IsFirstLine(line));
        Assert.Equal(line, OpenSshPublicKey.Parse(line).Line);
    }
}
