using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Amazon.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StackKit.Aws;

namespace StackKit.Tests.FakeAws;

/// <summary>
/// A scripted AWS Query endpoint on 127.0.0.1 (Kestrel, free port) for what moto cannot show: resources progressing
/// over time, rollbacks, DELETE_FAILED, throttling, 5xx and dropped connections. It speaks the real protocol (the aws
/// CLI parses its answers) and records every call so tests can count and inspect them.
/// </summary>
public sealed class FakeAwsEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeAwsRequest> _requests = new();
    private readonly ConcurrentQueue<FakeJsonRequest> _jsonRequests = new();
    private readonly TimeProvider _clock;

    private FakeAwsEndpoint(WebApplication app, TimeProvider clock, Func<FakeAwsRequest, FakeAwsResponse> respond)
    {
        _app = app;
        _clock = clock;
        Respond = respond;
    }

    public Uri Url { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The script: how to answer each request. Replaceable between steps of a test.</summary>
    public Func<FakeAwsRequest, FakeAwsResponse> Respond { get; set; }

    public IReadOnlyList<FakeAwsRequest> Requests => [.. _requests];

    /// <summary>How to answer JSON-protocol calls (the Price List's GetProducts): an unknown operation unless scripted.</summary>
    public Func<FakeJsonRequest, (int Status, string Body)> RespondJson { get; set; } =
        _ => (400, "{\"__type\":\"UnknownOperationException\",\"message\":\"not scripted\"}");

    /// <summary>The JSON-protocol calls, in order.</summary>
    public IReadOnlyList<FakeJsonRequest> JsonRequests => [.. _jsonRequests];

    public int Count(string action) => _requests.Count(r => r.Action == action);

    /// <summary>A connection to this endpoint with test credentials, waiting on <paramref name="clock"/>.</summary>
    public AwsConnection Connect(TimeProvider clock, int maxAttempts = 4) => AwsConnection.Create(
        new AwsClientOptions
        {
            Region = "us-east-1",
            EndpointUrl = Url,
            Credentials = new BasicAWSCredentials("AKIDFAKE", "fake-secret"),
            MaxAttempts = maxAttempts,
        },
        clock,
        new Random(17));

    public static async Task<FakeAwsEndpoint> StartAsync(TimeProvider clock, Func<FakeAwsRequest, FakeAwsResponse> respond)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var endpoint = new FakeAwsEndpoint(app, clock, respond);
        app.MapPost("/", endpoint.HandleAsync);
        await app.StartAsync();
        endpoint.Url = new Uri(app.Urls.First());
        return endpoint;
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (context.Request.ContentType?.StartsWith("application/x-amz-json", StringComparison.Ordinal) == true)
        {
            await HandleJsonAsync(context);
            return;
        }
        var form = await context.Request.ReadFormAsync();
        var (accessKey, service, region) = ScopeOf(context.Request.Headers.Authorization.ToString());
        var request = new FakeAwsRequest(
            accessKey, service, region, form["Action"].ToString(), form.ToDictionary(f => f.Key, f => f.Value.ToString()), _clock.GetUtcNow());
        _requests.Enqueue(request);

        var response = Respond(request);
        if (response.DropConnection)
        {
            context.Abort();
            return;
        }
        context.Response.StatusCode = response.StatusCode;
        context.Response.ContentType = response.Body is { } body && body.StartsWith("<!doctype", StringComparison.Ordinal) ? "text/html" : "text/xml";
        await context.Response.WriteAsync(response.Body ?? "");
    }

    private async Task HandleJsonAsync(HttpContext context)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        var (_, service, region) = ScopeOf(context.Request.Headers.Authorization.ToString());
        var request = new FakeJsonRequest(context.Request.Headers["X-Amz-Target"].ToString(), context.Request.ContentType ?? "", service, body.RootElement.Clone()) { SigningRegion = region };
        _jsonRequests.Enqueue(request);
        var (status, answer) = RespondJson(request);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/x-amz-json-1.1";
        await context.Response.WriteAsync(answer);
    }

    /// <summary>Key, service and region from <c>Credential=KEY/DATE/REGION/SERVICE/aws4_request</c>, as moto routes on them.</summary>
    private static (string AccessKey, string Service, string Region) ScopeOf(string authorization)
    {
        var start = authorization.IndexOf("Credential=", StringComparison.Ordinal);
        if (start < 0)
        {
            return ("", "", "");
        }
        var scope = authorization[(start + "Credential=".Length)..].Split(',')[0].Split('/');
        return scope.Length >= 5 ? (scope[0], scope[3], scope[2]) : ("", "", "");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
