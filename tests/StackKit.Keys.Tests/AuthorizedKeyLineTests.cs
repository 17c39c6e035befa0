using StackKit.Server.Tests.Support;

namespace StackKit.Keys.Tests;

public sealed class AuthorizedKeyLineTests
{
    private static readonly OpenSshPublicKey Key = OpenSshPublicKey.Parse(TestKeys.Ed25519("alice@laptop"));

    [Fact]
    public void An_expiring_restricted_key_carries_restrict_pty_and_its_expiry_in_UTC_as_sshd_reads_it()
    {
        var expires = new DateTimeOffset(2026, 12, 7, 9, 5, 7, 999, TimeSpan.FromHours(2));

        var line = AuthorizedKeyLine.Format(Key, expires, allowForwarding: false);

        Assert.Equal("restrict,pty,expiry-time=\"20261207070507Z\" " + Key.Line, line);
    }

    [Fact]
    public void Allowing_forwarding_drops_the_restrictions_and_keeps_the_expiry() =>
        Assert.Equal("expiry-time=\"20261207070507Z\" " + Key.Line,
            AuthorizedKeyLine.Format(Key, new DateTimeOffset(2026, 12, 7, 7, 5, 7, TimeSpan.Zero), allowForwarding: true));

    [Fact]
    public void A_key_that_never_expires_has_no_expiry_option()
    {
        Assert.Equal("restrict,pty " + Key.Line, AuthorizedKeyLine.Format(Key, null, allowForwarding: false));
        Assert.Equal(Key.Line, AuthorizedKeyLine.Format(Key, null, allowForwarding: true));
    }

    [Fact]
    public void The_expiry_reads_back_from_the_line()
    {
        var expires = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);

        Assert.True(AuthorizedKeyLine.TryReadExpiry(AuthorizedKeyLine.Format(Key, expires, false), out var read));
        Assert.Equal(expires, read);
        Assert.True(AuthorizedKeyLine.TryReadExpiry(AuthorizedKeyLine.Format(Key, null, false), out var none));
        Assert.Null(none);
        Assert.True(AuthorizedKeyLine.TryReadExpiry(Key.Line, out var bare));
        Assert.Null(bare);
    }

    [Theory]
    [InlineData("expiry-time=\"2030010203\" ")]
    [InlineData("expiry-time=\"20301302030405Z\" ")]
    [InlineData("expiry-time=\"20300102030405\" ")]
    [InlineData("restrict,expiry-time=\"2030x102030405Z\" ")]
    public void An_expiry_it_cannot_read_is_reported(string options) =>
        Assert.False(AuthorizedKeyLine.TryReadExpiry(options + Key.Line, out _));
}
