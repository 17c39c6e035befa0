using Amazon.Runtime;
using BenchmarkDotNet.Attributes;

namespace StackKit.Benchmarks;

/// <summary>
/// Listing 1 and 30 stacks, with their capacity, over a link that adds 50 ms to every call. The stacks live in two
/// regions of one moto_server (1 in us-west-1, 30 in us-west-2), so each listing sees exactly its count. Start moto
/// first and point MOTO_ENDPOINT at it (see docs/benchmarks.md).
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class ListLatencyBenchmark
{
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(50);

    private readonly List<IDisposable> _owned = [];
    private HttpServiceStacks _one = null!;
    private HttpServiceStacks _thirty = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var endpoint = new Uri(Environment.GetEnvironmentVariable("MOTO_ENDPOINT")
            ?? throw new InvalidOperationException("Set MOTO_ENDPOINT to a running moto_server, e.g. http://127.0.0.1:5000."));
        _one = await RegionWithAsync(endpoint, "us-west-1", 1);
        _thirty = await RegionWithAsync(endpoint, "us-west-2", 30);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }

    [Benchmark(Baseline = true)]
    public Task<IReadOnlyList<HttpServiceStack>> List_1_stack() => _one.ListAsync();

    [Benchmark]
    public Task<IReadOnlyList<HttpServiceStack>> List_30_stacks() => _thirty.ListAsync();

    private async Task<HttpServiceStacks> RegionWithAsync(Uri endpoint, string region, int count)
    {
        var options = new AwsClientOptions { Region = region, EndpointUrl = endpoint, Credentials = new BasicAWSCredentials("testing", "testing") };
        // The stacks are made without the added latency; only the listings pay it.
        using (var setup = AwsConnection.Create(options))
        {
            var stacks = new HttpServiceStacks(setup);
            var existing = await stacks.ListNamesAsync();
            for (var i = existing.Count; i < count; i++)
            {
                await stacks.StartCreateAsync(new HttpServiceStackRequest { StackName = $"bench-{i:00}", DockerImage = "example/web:1", SkipPreflight = true });
            }
        }
        var handler = new DelayingHandler(Latency);
        var aws = AwsConnection.Create(options, handler);
        _owned.Add(aws);
        _owned.Add(handler);
        var delayed = new HttpServiceStacks(aws);
        var listed = await delayed.ListAsync();
        return listed.Count == count && listed.All(s => s.Capacity is not null)
            ? delayed
            : throw new InvalidOperationException($"{region} has {listed.Count} stacks with capacity; expected {count}.");
    }
}
