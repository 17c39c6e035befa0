using System.Globalization;
using System.Net;

namespace StackKit.Benchmarks;

/// <summary>
/// A loopback HTTP proxy in front of moto_server that adds a fixed latency to every request, as
/// <see cref="DelayingHandler"/> does in process, for callers that cannot be given a handler (the module's
/// Get-HttpServiceStack in benchmarks/module/Measure-Module.ps1). It keeps its connections to moto, as an SDK's
/// client keeps its own to AWS, so what it adds is the latency and little else.
/// Usage: StackKit.Benchmarks delay-proxy PORT UPSTREAM_URL LATENCY_MS
/// </summary>
internal static class DelayProxy
{
    // Set by HttpListener or HttpClient themselves, or meaningless across the hop.
    private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Keep-Alive", "Content-Length", "Transfer-Encoding", "Expect",
    };

    public static async Task RunAsync(string[] arguments)
    {
        var port = int.Parse(arguments[0], CultureInfo.InvariantCulture);
        var upstream = new Uri(arguments[1]);
        if (!upstream.IsLoopback)
        {
            throw new ArgumentException($"The upstream must be on loopback, not {upstream}.", nameof(arguments));
        }
        using var client = new HttpClient(new DelayingHandler(TimeSpan.FromMilliseconds(int.Parse(arguments[2], CultureInfo.InvariantCulture))));
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        while (true)
        {
            var context = await listener.GetContextAsync();
            _ = ForwardAsync(client, upstream, context);
        }
    }

    private static async Task ForwardAsync(HttpClient client, Uri upstream, HttpListenerContext context)
    {
        try
        {
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            using var request = new HttpRequestMessage(new HttpMethod(context.Request.HttpMethod), new Uri(upstream, context.Request.RawUrl))
            {
                Content = new ByteArrayContent(body.ToArray()),
            };
            foreach (var name in context.Request.Headers.AllKeys.OfType<string>().Where(name => !HopHeaders.Contains(name)))
            {
                var value = context.Request.Headers[name];
                if (!request.Headers.TryAddWithoutValidation(name, value))
                {
                    request.Content.Headers.TryAddWithoutValidation(name, value);
                }
            }
            using var response = await client.SendAsync(request);
            var data = await response.Content.ReadAsByteArrayAsync();
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var header in response.Headers.Concat(response.Content.Headers).Where(header => !HopHeaders.Contains(header.Key)))
            {
                context.Response.Headers[header.Key] = string.Join(",", header.Value);
            }
            context.Response.ContentLength64 = data.Length;
            await context.Response.OutputStream.WriteAsync(data);
            context.Response.Close();
        }
        catch (Exception error)
        {
            // Whatever failed, the client's connection is closed at once rather than left waiting for its own timeout.
            await Console.Error.WriteLineAsync($"{context.Request.HttpMethod} {context.Request.RawUrl}: {error}");
            context.Response.Abort();
        }
    }
}
