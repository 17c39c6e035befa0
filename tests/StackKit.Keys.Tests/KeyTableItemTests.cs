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

        var attributes = KeyTableItem.Write(key, At, "arn:aws:iam::123456789012:user/alice");

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
        Assert.Equal(KeyTableSchema.Fingerprint, KeyTableSchema.PutIfAbsentCondition["attribute_not_exists(".Length..^1]);
    }

    [Fact]
    public void A_key_without_comment_has_no_Comment_attribute() =>
        Assert.DoesNotContain(KeyTableSchema.Comment, KeyTableItem.Write(OpenSshPublicKey.Parse(TestKeys.Ed25519(comment: null)), At, "x").Keys);

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
            Assert.Equal("2026-12-06T21:00:00.0000000Z", KeyTableItem.Write(OpenSshPublicKey.Parse(TestKeys.Ed25519()), At, "x")[KeyTableSchema.AddedAt]);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
