using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackKit.Server.Endpoints;
using StackKit.Server.Tests.Support;

namespace StackKit.Server.Tests;

/// <summary>
/// <c>KeyInjection__PasswordHash</c>: the server checks the password against its salted PBKDF2 hash, refuses a
/// malformed hash at start, and bounds what guessing costs it.
/// </summary>
public sealed class PasswordHashTests : IDisposable
{
    private const string Username = "deploy";
    private const string Password = "correct horse battery staple";

    private readonly TempSshDirectory ssh = new();

    public void Dispose() => ssh.Dispose();

    [Fact]
    public async Task The_right_password_is_accepted_against_the_hash_and_a_wrong_one_or_user_name_refused()
    {
        using var factory = Service(HashOf(Password));
        using var client = factory.CreateClient();

        using var wrongPassword = await PostAsync(client, Username, Password + "!");
        using var wrongUser = await PostAsync(client, "admin", Password);
        using var right = await PostAsync(client, Username, Password);
        // The second time the remembered digest answers; it must still tell a wrong password apart.
        using var again = await PostAsync(client, Username, Password);
        using var wrongAfter = await PostAsync(client, Username, "correct horse battery stapl");

        Assert.Equal(
            [HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Unauthorized],
            [wrongPassword.StatusCode, wrongUser.StatusCode, right.StatusCode, again.StatusCode, wrongAfter.StatusCode]);
        Assert.Equal(2, ssh.AuthorizedKeyLines().Length);
        Assert.DoesNotContain(factory.Logs.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Id.Id == 3);
    }

    public static TheoryData<string> MalformedHashes => new()
    {
        Password,
        "pbkdf2-sha256$600000$" + B64(16) + "$" + B64(31),
        "pbkdf2-sha256$600000$" + B64(15) + "$" + B64(32),
        "pbkdf2-sha256$99999$" + B64(16) + "$" + B64(32),
        "pbkdf2-sha256$0600000$" + B64(16) + "$" + B64(32),
        "pbkdf2-sha256$10000000$" + B64(16) + "$" + B64(32),
        "pbkdf2-sha1$600000$" + B64(16) + "$" + B64(32),
        "pbkdf2-sha256$600000$" + B64(16).TrimEnd('=') + "$" + B64(32),
        "pbkdf2-sha256$600000$" + B64(16) + "$" + B64(32) + "$extra",
    };

    [Theory]
    [MemberData(nameof(MalformedHashes))]
    public void A_malformed_hash_stops_the_server_at_start_and_says_what_it_must_be(string hash)
    {
        using var factory = Service(hash);

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("KeyInjection:PasswordHash must be pbkdf2-sha256$<iterations", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_password_and_a_hash_together_stop_the_server_at_start()
    {
        using var factory = new ServiceFactory(ssh.Path, Username, "another-password", new() { ["KeyInjection:PasswordHash"] = HashOf(Password) });

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("set only one", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("secret", true)]
    [InlineData(Password, false)]
    public async Task A_hash_of_the_default_password_still_warns(string password, bool warns)
    {
        using var factory = Service(HashOf(password));
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));
        // The check is one PBKDF2, run off the server's start.
        await factory.Services.GetRequiredService<BasicCredentials>().DefaultPasswordChecked;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(warns, factory.Logs.GetSnapshot().Any(r => r.Level == LogLevel.Warning && r.Id.Id == 3));
    }

    [Fact]
    public async Task Guesses_sent_at_once_stop_at_the_limit_instead_of_each_costing_a_slow_hash()
    {
        using var factory = Service(HashOf(Password));
        using var client = factory.CreateClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 30).Select(async i =>
        {
            using var response = await PostAsync(client, Username, "guess-" + i);
            return response.StatusCode;
        }));

        Assert.Equal(10, answers.Count(a => a == HttpStatusCode.Unauthorized));
        Assert.Equal(20, answers.Count(a => a == HttpStatusCode.TooManyRequests));
    }

    /// <summary>The command docs/templates.md gives raw-CLI users, run as written: its output is a hash the server takes.</summary>
    [Fact]
    public async Task The_documented_python3_one_liner_makes_a_hash_the_server_accepts()
    {
        var command = DocumentedOneLiner();
        // setsid: without a controlling terminal getpass reads the password from standard input, as a pipe gives it.
        var start = new ProcessStartInfo("setsid", ["-w", "sh", "-c", command]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var python = Process.Start(start)!;
        await python.StandardInput.WriteLineAsync(Password);
        python.StandardInput.Close();
        var hash = (await python.StandardOutput.ReadToEndAsync()).Trim();
        await python.WaitForExitAsync();
        Assert.True(python.ExitCode == 0, await python.StandardError.ReadToEndAsync());

        Assert.StartsWith("pbkdf2-sha256$600000$", hash, StringComparison.Ordinal);
        using var factory = Service(hash);
        using var client = factory.CreateClient();
        using var wrong = await PostAsync(client, Username, "not the password");
        using var right = await PostAsync(client, Username, Password);
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.OK), (wrong.StatusCode, right.StatusCode));
    }

    private static string DocumentedOneLiner()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory.FullName, "StackKit.psd1")))
        {
            directory = directory.Parent ?? throw new InvalidOperationException("The repository root (StackKit.psd1) is not above the test's directory.");
        }

        var docs = File.ReadAllLines(Path.Combine(directory.FullName, "docs", "templates.md"));
        return Assert.Single(docs, line => line.StartsWith("hash=$(python3 -c ", StringComparison.Ordinal))
            [("hash=$(".Length)..^1];
    }

    private ServiceFactory Service(string hash) =>
        new(ssh.Path, Username, password: null, new() { ["KeyInjection:PasswordHash"] = hash });

    // The fewest iterations the server takes, to keep the tests quick; deployments use 600000.
    private static string HashOf(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var key = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, 100_000, HashAlgorithmName.SHA256, 32);
        return $"pbkdf2-sha256$100000${Convert.ToBase64String(salt)}${Convert.ToBase64String(key)}";
    }

    private static string B64(int bytes) => Convert.ToBase64String(new byte[bytes]);

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string username, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/add_public_key")
        {
            Content = new StringContent(TestKeys.JsonBody(TestKeys.Ed25519()), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));
        return await client.SendAsync(request);
    }
}
