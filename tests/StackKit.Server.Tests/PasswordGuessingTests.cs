using System.Net;
using System.Net.Http.Headers;
using System.Text;
using StackKit.Server.Tests.Support;

namespace StackKit.Server.Tests;

/// <summary>Password guessing is slowed per client (429 before the password is even checked) and logged, rate-limited.</summary>
public sealed class PasswordGuessingTests : IDisposable
{
    private const string Username = "deploy";
    private const string Password = "correct horse battery staple";

    private readonly TempSshDirectory ssh = new();

    public void Dispose() => ssh.Dispose();

    [Fact]
    public async Task After_ten_failures_a_client_gets_429_even_with_the_right_password_and_others_do_not()
    {
        using var factory = new ServiceFactory(ssh.Path, Username, Password, new() { ["KeyInjection:TrustForwardedFor"] = "true" });
        using var client = factory.CreateClient();

        for (var i = 0; i < 10; i++)
        {
            using var wrong = await PostAsync(client, "wrong", "198.51.100.7");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var limited = await PostAsync(client, Password, "198.51.100.7");
        using var other = await PostAsync(client, Password, "203.0.113.9");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After");
        Assert.Contains("Too many failed", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Single(ssh.AuthorizedKeyLines());
    }

    [Fact]
    public async Task Without_TrustForwardedFor_a_spoofed_X_Forwarded_For_does_not_buy_new_attempts()
    {
        using var factory = new ServiceFactory(ssh.Path, Username, Password);
        using var client = factory.CreateClient();

        for (var i = 0; i < 10; i++)
        {
            using var wrong = await PostAsync(client, "wrong", $"198.51.100.{i}");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var limited = await PostAsync(client, Password, "203.0.113.9");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
    }

    [Fact]
    public async Task Behind_the_load_balancer_the_address_it_appended_counts_not_the_ones_the_client_sent()
    {
        using var factory = new ServiceFactory(ssh.Path, Username, Password, new() { ["KeyInjection:TrustForwardedFor"] = "true" });
        using var client = factory.CreateClient();

        for (var i = 0; i < 10; i++)
        {
            using var wrong = await PostAsync(client, "wrong", $"10.9.9.{i}, 198.51.100.7");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var limited = await PostAsync(client, Password, "10.0.0.1, 198.51.100.7");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
    }

    [Fact]
    public async Task An_IPv6_client_cannot_escape_by_rotating_through_its_64()
    {
        using var factory = new ServiceFactory(ssh.Path, Username, Password, new() { ["KeyInjection:TrustForwardedFor"] = "true" });
        using var client = factory.CreateClient();

        for (var i = 1; i <= 10; i++)
        {
            using var wrong = await PostAsync(client, "wrong", $"2001:db8:1:2::{i:x}");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var limited = await PostAsync(client, Password, "2001:db8:1:2:ffff::99");
        using var otherNetwork = await PostAsync(client, Password, "2001:db8:1:3::1");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherNetwork.StatusCode);
    }

    [Fact]
    public async Task Failed_attempts_are_logged_with_the_client_address_but_not_one_line_each()
    {
        using var factory = new ServiceFactory(ssh.Path, Username, Password, new() { ["KeyInjection:TrustForwardedFor"] = "true" });
        using var client = factory.CreateClient();

        for (var i = 0; i < 200; i++)
        {
            using var response = await PostAsync(client, "guess" + i, $"198.51.100.{i % 50}");
        }

        var failures = factory.Logs.GetSnapshot().Where(r => r.Id.Id == 5).ToList();
        Assert.NotEmpty(failures);
        Assert.True(failures.Count <= 20, $"{failures.Count} log lines for 200 failed attempts");
        Assert.Contains(failures, r => r.Message.Contains("198.51.100.0", StringComparison.Ordinal));
        Assert.All(factory.Logs.GetSnapshot(), r => Assert.DoesNotContain("guess", r.Message, StringComparison.Ordinal));
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string password, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/add_public_key")
        {
            Content = new StringContent(TestKeys.JsonBody(TestKeys.Ed25519()), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{password}")));
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await client.SendAsync(request);
    }
}
