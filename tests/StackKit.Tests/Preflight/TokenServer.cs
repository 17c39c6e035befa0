using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace StackKit.Tests.Preflight;

/// <summary>
/// A token server for docker-registry's token auth, on loopback: it signs RS256 JWTs with a self-signed certificate
/// (sent in the x5c header; the registry trusts it through its rootcertbundle) granting pull on the asked scope, the
/// way Docker Hub's and GHCR's auth servers grant anonymous pulls. With <see cref="RefuseAnonymous"/> it answers 401
/// to clients without credentials, like a registry that only serves logged-in users.
/// </summary>
internal sealed class TokenServer : IAsyncDisposable
{
    public const string Service = "stackkit-test-registry";
    public const string Issuer = "stackkit-test-token-server";

    private readonly WebApplication _app;
    private readonly RSA _key;
    private readonly X509Certificate2 _certificate;
    private readonly ConcurrentQueue<string> _requests = new();

    private TokenServer(WebApplication app, RSA key, X509Certificate2 certificate)
    {
        _app = app;
        _key = key;
        _certificate = certificate;
    }

    public Uri Realm { get; private set; } = new("http://127.0.0.1");

    /// <summary>The certificate the registry must trust, as PEM.</summary>
    public string CertificatePem => _certificate.ExportCertificatePem();

    /// <summary>Refuses tokens to anonymous clients (no Authorization header).</summary>
    public bool RefuseAnonymous { get; set; }

    /// <summary>Every token request's query string, in order.</summary>
    public IReadOnlyCollection<string> Requests => _requests;

    public static async Task<TokenServer> StartAsync()
    {
        var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=" + Issuer, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, true));
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new TokenServer(app, key, certificate);
        app.MapGet("/token", server.Handle);
        await app.StartAsync();
        server.Realm = new Uri(new Uri(app.Urls.First()), "/token");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _certificate.Dispose();
        _key.Dispose();
    }

    private IResult Handle(HttpContext context)
    {
        _requests.Enqueue(context.Request.QueryString.Value ?? string.Empty);
        if (RefuseAnonymous && !context.Request.Headers.ContainsKey("Authorization"))
        {
            return Results.Json(new { errors = new[] { new { code = "UNAUTHORIZED", message = "authentication required" } } }, statusCode: 401);
        }
        var scope = context.Request.Query["scope"].ToString().Split(':');
        var access = scope.Length == 3 && scope[0] == "repository"
            ? new[] { new { type = "repository", name = scope[1], actions = new[] { "pull" } } }
            : [];
        return Results.Json(new { token = Sign(access), expires_in = 300 });
    }

    private string Sign(object access)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = new { typ = "JWT", alg = "RS256", x5c = new[] { Convert.ToBase64String(_certificate.RawData) } };
        var claims = new { iss = Issuer, sub = "", aud = Service, exp = now + 300, nbf = now - 10, iat = now, jti = Guid.NewGuid().ToString("N"), access };
        var signed = Base64Url(JsonSerializer.SerializeToUtf8Bytes(header)) + "." + Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signed + "." + Base64Url(signature);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
