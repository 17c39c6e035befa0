using System.Globalization;
using StackKit.Server.Tests.Support;

namespace StackKit.Keys.Tests;

public sealed class KeyTableItemTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 6, 22, 0, 0, TimeSpan.FromHours(1));

    [Fact]
    public void An_item_holds_every_attribute_as_a_string_and_reads_back_as_its_key()
    {
        var key = OpenSshPublicKey.Parse(TestKeys.Ed25519("alice@laptop"));

        var attributes = KeyTableItem.Write(key, At, "arn:aws:iam::123456789012:user/alice", expiresAt: null);

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["Fingerprint"] = key.Fingerprint,
                ["KeyLine"] = key.Line,
                ["Type"] = "ssh-ed25519",
                ["Comment"] = "alice@laptop",
                ["AddedAt"] = "2026-12-06T21:00:00.0000000Z",
                ["AddedBy"] = "arn:aws:iam::123456789012:user/alice",
            },
            attributes);
        var item = KeyTableItem.Read(attributes.ToDictionary(pair => pair.Key, pair => (string?)pair.Value));
        Assert.Equal(key.Line, item.Key?.Line);
        Assert.Equal(At, item.AddedAt);
        Assert.Null(item.ExpiresAt);
        Assert.False(item.IsExpiredAt(DateTimeOffset.MaxValue));
    }

    [Fact]
    public void A_key_without_comment_has_no_Comment_attribute() =>
        Assert.DoesNotContain(KeyTableSchema.Comment, KeyTableItem.Write(OpenSshPublicKey.Parse(TestKeys.Ed25519(comment: null)), At, "x", null).Keys);

    [Fact]
    public void An_item_whose_line_is_not_of_its_fingerprint_is_kept_as_stored_but_gives_no_key()
    {
        var key = OpenSshPublicKey.Parse(TestKeys.Ed25519());
        var other = OpenSshPublicKey.Parse(TestKeys.Ed25519());

        var item = KeyTableItem.Read(new Dictionary<string, string?>
        {
            ["Fingerprint"] = key.Fingerprint,
            ["KeyLine"] = other.Line,
            ["AddedAt"] = "yesterday",
        });

        Assert.Null(item.Key);
        Assert.Equal(key.Fingerprint, item.Fingerprint);
        Assert.Equal(other.Line, item.KeyLine);
        Assert.Null(item.AddedAt);
    }

    [Fact]
    public void The_servers_may_put_and_scan_and_nothing_else() =>
        Assert.Equal(["dynamodb:PutItem", "dynamodb:Scan"], KeyTableSchema.ServerActions);

    [Fact]
    public void AddedAt_is_written_in_the_invariant_round_trip_form_whatever_the_culture()
    {
        var saved = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("ar-SA");
        try
        {
            Assert.Equal("2026-12-06T21:00:00.0000000Z", KeyTableItem.Write(OpenSshPublicKey.Parse(TestKeys.Ed25519()), At, "x", null)[KeyTableSchema.AddedAt]);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void ExpiresAt_is_a_number_of_whole_Unix_seconds_and_reads_back_as_the_time_it_ends()
    {
        var key = OpenSshPublicKey.Parse(TestKeys.Ed25519());
        var expires = new DateTimeOffset(2026, 12, 7, 8, 30, 15, 900, TimeSpan.FromHours(1));

        var attributes = KeyTableItem.Write(key, At, "x", expires);

        Assert.Equal("1796628615", attributes[KeyTableSchema.ExpiresAt]);
        Assert.True(KeyTableSchema.IsNumber(KeyTableSchema.ExpiresAt));
        Assert.False(KeyTableSchema.IsNumber(KeyTableSchema.AddedAt));
        var item = KeyTableItem.Read(attributes.ToDictionary(pair => pair.Key, pair => (string?)pair.Value));
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 7, 30, 15, TimeSpan.Zero), item.ExpiresAt);
        Assert.False(item.IsExpiredAt(item.ExpiresAt!.Value.AddSeconds(-1)));
        Assert.True(item.IsExpiredAt(item.ExpiresAt!.Value));
        Assert.NotNull(item.Key);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("1e10")]
    [InlineData(" 1796628615")]
    [InlineData("99999999999999999999")]
    public void An_unreadable_ExpiresAt_counts_as_long_expired(string? seconds)
    {
        var key = OpenSshPublicKey.Parse(TestKeys.Ed25519());
        var attributes = KeyTableItem.Write(key, At, "x", null).ToDictionary(pair => pair.Key, pair => (string?)pair.Value);
        attributes[KeyTableSchema.ExpiresAt] = seconds;

        var item = KeyTableItem.Read(attributes);

        Assert.Equal(DateTimeOffset.UnixEpoch, item.ExpiresAt);
        Assert.True(item.IsExpiredAt(At));
    }

    [Fact]
    public void A_put_adds_a_new_key_or_replaces_one_that_ends_sooner_and_never_shortens_one()
    {
        Assert.Equal("attribute_not_exists(Fingerprint) OR ExpiresAt < :expiresAt", KeyTableSchema.PutCondition(expires: true));
        Assert.Equal("attribute_not_exists(Fingerprint) OR attribute_exists(ExpiresAt)", KeyTableSchema.PutCondition(expires: false));
    }
}
