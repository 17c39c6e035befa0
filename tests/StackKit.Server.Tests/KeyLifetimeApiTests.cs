using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using StackKit.Keys;
using StackKit.Server.Tests.Support;

namespace StackKit.Server.Tests;

/// <summary><c>POST /add_public_key</c>'s optional <c>valid_for_seconds</c>, the server's default lifetime and the line options.</summary>
public sealed class KeyLifetimeApiTests : IDisposable
{
    private const string Username = "deploy";
    private const string Password = "correct horse battery staple";

    private readonly TempSshDirectory ssh = new();
    private readonly List<ServiceFactory> factories = [];

    public void Dispose()
    {
        factories.ForEach(factory => factory.Dispose());
        ssh.Dispose();
    }

    [Fact]
    public async Task A_lifetime_given_in_seconds_is_the_lines_expiry_and_the_answer_says_it()
    {
        var key = OpenSshPublicKey.Parse(TestKeys.Ed25519("alice@laptop"));
        var before = DateTimeOffset.UtcNow;

        using var response = await PostAsync(Server(), Body(key, ", \"valid_for_seconds\": 3600"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var expiry = Assert.Single(ExpiriesOnDisk());
        Assert.InRange(expiry, Seconds(before.AddHours(1)), before.AddHours(1).AddMinutes(1));
        Assert.Matches(TestKeys.SavedAnswer(key.Line), await response.Content.ReadAsStringAsync());
        Assert.Contains($"Valid until: {expiry.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.StartsWith("restrict,pty,expiry-time=\"", Assert.Single(ssh.AuthorizedKeyLines()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_lifetime_a_key_lasts_the_servers_default_of_twelve_hours()
    {
        var before = DateTimeOffset.UtcNow;

        using var response = await PostAsync(Server(), Body(OpenSshPublicKey.Parse(TestKeys.Ed25519()), string.Empty));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.InRange(Assert.Single(ExpiriesOnDisk()), Seconds(before.AddHours(12)), before.AddHours(12).AddMinutes(1));
    }

    [Fact]
    public async Task A_server_configured_for_keys_that_never_expire_and_forwarding_writes_the_bare_line()
    {
        var key = OpenSshPublicKey.Parse(TestKeys.Ed25519());
        var server = Server(new() { ["KeyInjection:DefaultKeyLifetime"] = "00:00:00", ["KeyInjection:AllowForwarding"] = "true" });

        using var response = await PostAsync(server, Body(key, string.Empty));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith("Valid until: never\n", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal([key.Line], ssh.AuthorizedKeyLines());
    }

    [Theory]
    [InlineData("59", "out of range")]
    [InlineData("31622401", "out of range")]
    [InlineData("0", "out of range")]
    [InlineData("-3600", "out of range")]
    [InlineData("\"3600\"", "must be a whole number")]
    [InlineData("3600.5", "must be a whole number")]
    [InlineData("3.6e3", "must be a whole number")]
    [InlineData("99999999999999999999", "must be a whole number")]
    [InlineData("null", "must be a whole number")]
    [InlineData("true", "must be a whole number")]
    [InlineData("3600, \"valid_for_seconds\": 7200", "each once")]
    public async Task A_bad_lifetime_is_refused_with_400_naming_the_field_and_nothing_is_written(string value, string reason)
    {
        using var response = await PostAsync(Server(), Body(OpenSshPublicKey.Parse(TestKeys.Ed25519()), ", \"valid_for_seconds\": " + value));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
        Assert.Contains("valid_for_seconds", text, StringComparison.Ordinal);
        Assert.Contains(reason, text, StringComparison.Ordinal);
        Assert.False(File.Exists(ssh.AuthorizedKeys), "Nothing is written.");
    }

    [Fact]
    public async Task Posting_a_key_again_extends_it_when_the_new_lifetime_is_longer_and_never_shortens_it()
    {
        var key = OpenSshPublicKey.Parse(TestKeys.Ed25519());
        var server = Server();
        using (await PostAsync(server, Body(key, ", \"valid_for_seconds\": 3600")))
        {
        }

        var first = Assert.Single(ExpiriesOnDisk());

        using var shorter = await PostAsync(server, Body(key, ", \"valid_for_seconds\": 600"));
        Assert.Equal(HttpStatusCode.OK, shorter.StatusCode);
        Assert.Equal([first], ExpiriesOnDisk());

        using var longer = await PostAsync(server, Body(key, ", \"valid_for_seconds\": 7200"));
        Assert.Equal(HttpStatusCode.OK, longer.StatusCode);
        var extended = Assert.Single(ExpiriesOnDisk());
        Assert.True(extended > first.AddMinutes(59), $"{extended} after {first}");
        Assert.Single(Directory.GetFiles(ssh.KeysDirectory));
        Assert.Equal(ssh.AuthorizedKeyLines()[0] + "\n", File.ReadAllText(Directory.GetFiles(ssh.KeysDirectory)[0]));
    }

    private static DateTimeOffset Seconds(DateTimeOffset time) => DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds());

    private static string Body(OpenSshPublicKey key, string more) =>
        $"{{\"ssh_public_key\": \"{Convert.ToBase64String(Encoding.UTF8.GetBytes(key.Line))}\"{more}}}";

    private List<DateTimeOffset> ExpiriesOnDisk() => ssh.AuthorizedKeyLines()
        .Select(line => AuthorizedKeyLine.TryReadExpiry(line, out var at) && at is { } expiry ? expiry : throw new InvalidOperationException($"no expiry: {line}"))
        .ToList();

    private HttpClient Server(Dictionary<string, string>? settings = null)
    {
        var factory = new ServiceFactory(ssh.Path, Username, Password, settings);
        factories.Add(factory);
        return factory.CreateClient();
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/add_public_key")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}")));
        return await client.SendAsync(request);
    }
}
