using System.Text;
using System.Text.RegularExpressions;

namespace StackKit.Keys.Tests;

public sealed class PasswordHashTests
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public void A_computed_hash_verifies_its_password_and_no_other()
    {
        var hash = PasswordHash.Parse(PasswordHash.Compute(Password));

        Assert.NotNull(hash);
        Assert.True(hash.Verifies(Encoding.UTF8.GetBytes(Password)));
        Assert.False(hash.Verifies(Encoding.UTF8.GetBytes(Password + " ")));
        Assert.False(hash.Verifies([]));
    }

    [Fact]
    public void Two_hashes_of_one_password_differ_by_their_salt()
    {
        var first = PasswordHash.Compute(Password);
        var second = PasswordHash.Compute(Password);

        Assert.NotEqual(first.Split('$')[2], second.Split('$')[2]);
        Assert.StartsWith($"pbkdf2-sha256${PasswordHash.Iterations}$", first, StringComparison.Ordinal);
    }

    // The template's AllowedPattern and the server's parser used to be written twice and disagreed: a salt whose last
    // base64 character set bits past its 16 bytes passed CloudFormation and then stopped the server at start-up.
    public static TheoryData<string> Candidates()
    {
        var valid = PasswordHash.Compute(Password).Split('$');
        string With(int index, string value)
        {
            var parts = (string[])valid.Clone();
            parts[index] = value;
            return string.Join("$", parts);
        }

        return new TheoryData<string>
        {
            string.Join("$", valid),
            With(1, "100000"),
            With(1, "9999999"),
            With(1, "99999"),
            With(1, "10000000"),
            With(1, "0600000"),
            With(1, "+600000"),
            With(0, "pbkdf2-sha1"),
            With(2, valid[2][..21] + "B=="),
            With(2, valid[2][..21] + "g=="),
            With(3, valid[3][..42] + "B="),
            With(3, valid[3][..42] + "8="),
            With(2, valid[2][..21] + "A="),
            With(3, valid[3] + "="),
            string.Join("$", valid) + "$",
            string.Join("$", valid).Replace("$", "$ ", StringComparison.Ordinal),
            "correct horse battery staple",
        };
    }

    [Theory]
    [MemberData(nameof(Candidates))]
    public void The_template_pattern_accepts_exactly_what_the_server_reads(string candidate) =>
        Assert.Equal(PasswordHash.Parse(candidate) is not null, Regex.IsMatch(candidate, PasswordHash.PatternOrEmpty));

    [Fact]
    public void The_pattern_allows_the_empty_value_that_means_the_servers_default_password()
    {
        Assert.Matches(PasswordHash.PatternOrEmpty, string.Empty);
        Assert.Null(PasswordHash.Parse(string.Empty));
    }
}
