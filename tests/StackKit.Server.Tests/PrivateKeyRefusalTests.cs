using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using StackKit.Keys;
using StackKit.Server.Tests.Support;

namespace StackKit.Server.Tests;

/// <summary>POST /add_public_key given a private key: refused with the one message, and no part of it in the answer or the logs.</summary>
public sealed class PrivateKeyRefusalTests : IDisposable
{
    private const string Username = "deploy";
    private const string Password = "correct horse battery staple";

    private readonly TempSshDirectory ssh = new();
    private readonly ServiceFactory factory;
    private readonly HttpClient client;

    public PrivateKeyRefusalTests()
    {
        factory = new ServiceFactory(ssh.Path, Username, Password);
        client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}")));
    }

    public void Dispose()
    {
        client.Dispose();
        factory.Dispose();
        ssh.Dispose();
    }

    [Fact]
    public async Task Every_form_of_private_key_is_refused_however_it_is_sent_and_never_echoed()
    {
        var captured = new StringBuilder();
        foreach (var privateKey in await PrivateKeys.AllAsync())
        {
            string[] bodies =
            [
                TestKeys.ReadmeBody(privateKey),                                              // curl -d "$(cat id | base64)"
                JsonSerializer.Serialize(new Dictionary<string, string> { ["ssh_public_key"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(privateKey)) }),
                JsonSerializer.Serialize(new Dictionary<string, string> { ["ssh_public_key"] = privateKey }),  // not base64 at all
                $"{{\"ssh_public_key\": \"{privateKey}\"}}",                                 // raw line breaks in the string
                privateKey,                                                                   // curl --data-binary @id
            ];
            foreach (var body in bodies)
            {
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await client.PostAsync(new Uri("/add_public_key", UriKind.Relative), content);
                var answer = await response.Content.ReadAsStringAsync();

                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                Assert.Equal(PrivateKeyText.Refusal + "\n", answer);
                captured.AppendLine(answer).AppendLine(response.Headers.ToString());
            }

            foreach (var record in factory.Logs.GetSnapshot())
            {
                captured.AppendLine(record.Message).AppendLine(record.Exception?.ToString());
                foreach (var (name, value) in record.StructuredState ?? [])
                {
                    captured.AppendLine(name + "=" + value);
                }
            }

            PrivateKeys.AssertNotIn(privateKey, captured.ToString());
        }

        Assert.False(File.Exists(ssh.AuthorizedKeys), "Nothing is written.");
    }
}
