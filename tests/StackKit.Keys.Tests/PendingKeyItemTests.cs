using StackKit.Server.Tests.Support;

namespace StackKit.Keys.Tests;

public sealed class PendingKeyItemTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 6, 21, 0, 0, TimeSpan.Zero);

    private static KeyTableItem Read(IReadOnlyDictionary<string, string> attributes) =>
        KeyTableItem.Read(attributes.ToDictionary(pair => pair.Key, pair => (string?)pair.Value));

    [Fact]
    public void A_pending_item_holds_its_requested_lifetime_and_expires_at_the_decision_deadline()
    {
        var key = OpenSshPublicKey.Parse(TestKeys.Ed25519("bob@laptop"));

        var attributes = KeyTableItem.WritePending(key, At, "http:203.0.113.9", TimeSpan.FromHours(8));

        Assert.Equal("28800", attributes[KeyTableSchema.Lifetime]);
        Assert.Equal(At.AddHours(24).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), attributes[KeyTableSchema.ExpiresAt]);
        Assert.DoesNotContain(KeyTableSchema.ApprovedBy, attributes.Keys);
        Assert.DoesNotContain(KeyTableSchema.ApprovedAt, attributes.Keys);
        Assert.True(KeyTableSchema.IsNumber(KeyTableSchema.Lifetime));
        var item = Read(attributes);
        Assert.True(item.IsPending);
        Assert.False(item.IsApproved);
        Assert.Equal(TimeSpan.FromHours(8), item.Lifetime);
        Assert.Equal(At.AddHours(24), item.ExpiresAt);
        Assert.Equal(key.Line, item.Key?.Line);
    }

    [Fact]
    public void A_pending_key_that_never_expires_asks_for_lifetime_zero()
    {
        var attributes = KeyTableItem.WritePending(OpenSshPublicKey.Parse(TestKeys.Ed25519()), At, "x", lifetime: null);

        Assert.Equal("0", attributes[KeyTableSchema.Lifetime]);
        Assert.Equal(TimeSpan.Zero, Read(attributes).Lifetime);
    }

    [Fact]
    public void Every_attribute_of_a_pending_item_is_one_a_server_may_write()
    {
        var attributes = KeyTableItem.WritePending(OpenSshPublicKey.Parse(TestKeys.Ed25519("with comment")), At, "x", TimeSpan.FromHours(1));

        Assert.All(attributes.Keys, name => Assert.Contains(name, KeyTableSchema.ServerAttributes));
        Assert.DoesNotContain(KeyTableSchema.ApprovedBy, KeyTableSchema.ServerAttributes);
        Assert.DoesNotContain(KeyTableSchema.ApprovedAt, KeyTableSchema.ServerAttributes);
    }

    [Fact]
    public void An_item_is_approved_only_with_an_approver_and_no_pending_lifetime()
    {
        var key = OpenSshPublicKey.Parse(TestKeys.Ed25519());
        var approved = KeyTableItem.Write(key, At, "x", At.AddHours(8)).ToDictionary(pair => pair.Key, pair => pair.Value);
        approved[KeyTableSchema.ApprovedBy] = "arn:aws:iam::123456789012:user/carol";
        approved[KeyTableSchema.ApprovedAt] = "2026-12-06T21:05:00.0000000Z";
        var withLifetime = new Dictionary<string, string>(approved) { [KeyTableSchema.Lifetime] = "3600" };
        var emptyApprover = new Dictionary<string, string>(approved) { [KeyTableSchema.ApprovedBy] = string.Empty };

        var item = Read(approved);

        Assert.True(item.IsApproved);
        Assert.False(item.IsPending);
        Assert.Equal("arn:aws:iam::123456789012:user/carol", item.ApprovedBy);
        Assert.Equal(At.AddMinutes(5), item.ApprovedAt);
        Assert.False(Read(withLifetime).IsApproved);
        Assert.False(Read(emptyApprover).IsApproved);
        Assert.False(Read(KeyTableItem.Write(key, At, "x", null)).IsApproved);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("soon")]
    public void An_unreadable_lifetime_keeps_the_item_pending_and_gives_no_lifetime(string lifetime)
    {
        var attributes = KeyTableItem.WritePending(OpenSshPublicKey.Parse(TestKeys.Ed25519()), At, "x", TimeSpan.FromHours(1)).ToDictionary(pair => pair.Key, pair => pair.Value);
        attributes[KeyTableSchema.Lifetime] = lifetime;

        var item = Read(attributes);

        Assert.True(item.IsPending);
        Assert.Null(item.Lifetime);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-60)]
    public void A_pending_lifetime_is_positive_or_null(int seconds) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => KeyTableItem.WritePending(OpenSshPublicKey.Parse(TestKeys.Ed25519()), At, "x", TimeSpan.FromSeconds(seconds)));
}
