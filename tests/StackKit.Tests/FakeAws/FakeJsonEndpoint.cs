using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace StackKit.Tests.FakeAws;

/// <summary>One JSON-protocol call: its target header, content type, signing scope's service and body.</summary>
public sealed record FakeJsonRequest(string Target, string ContentType, string SigningService, JsonElement Body)
{
    /// <summary>The signing scope's region, where the endpoint records it.</summary>
    public string SigningRegion { get; init; } = "";
}

/// <summary>
/// A scripted AWS JSON 1.1 endpoint (CloudWatch Logs) on 127.0.0.1: records each call and answers with the script's
/// status and JSON body.
/// </summary>
public sealed class FakeJsonEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeJsonRequest> _requests = new();

    private FakeJsonEndpoint(WebApplication app, Func<FakeJsonRequest, (int Status, string Body)> respond)
    {
        _app = app;
        Respond = respond;
    }

    public Uri Url { get; private set; } = new("http://127.0.0.1/");

    public Func<FakeJsonRequest, (int Status, string Body)> Respond { get; set; }

    public IReadOnlyList<FakeJsonRequest> Requests => [.. _requests];

    public static async Task<FakeJsonEndpoint> StartAsync(Func<FakeJsonRequest, (int Status, string Body)> respond)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var endpoint = new FakeJsonEndpoint(app, respond);
        app.MapPost("/", endpoint.HandleAsync);
        await app.StartAsync();
        endpoint.Url = new Uri(app.Urls.First());
        return endpoint;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        var authorization = context.Request.Headers.Authorization.ToString();
        var scope = authorization.Contains("Credential=", StringComparison.Ordinal)
            ? authorization[(authorization.IndexOf("Credential=", StringComparison.Ordinal) + 11)..].Split(',')[0].Split('/')
            : [];
        var request = new FakeJsonRequest(
            context.Request.Headers["X-Amz-Target"].ToString(), context.Request.ContentType ?? "", scope.Length >= 4 ? scope[3] : "", body.RootElement.Clone())
        {
            SigningRegion = scope.Length >= 4 ? scope[2] : "",
        };
        _requests.Enqueue(request);
        var (status, answer) = Respond(request);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/x-amz-json-1.1";
        await context.Response.WriteAsync(answer);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
