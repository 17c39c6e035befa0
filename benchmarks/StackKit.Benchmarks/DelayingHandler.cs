namespace StackKit.Benchmarks;

/// <summary>Adds a fixed latency to every request, as a link to a faraway region would.</summary>
internal sealed class DelayingHandler(TimeSpan latency) : DelegatingHandler(new SocketsHttpHandler())
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await Task.Delay(latency, cancellationToken);
        return await base.SendAsync(request, cancellationToken);
    }
}
