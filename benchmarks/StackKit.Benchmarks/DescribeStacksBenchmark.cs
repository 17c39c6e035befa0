using System.Diagnostics;
using Amazon.Runtime;
using BenchmarkDotNet.Attributes;

namespace StackKit.Benchmarks;

/// <summary>
/// One DescribeStacks through StackKit vs the aws CLI, on the same moto_server. Start moto first and point
/// MOTO_ENDPOINT at it (see docs/benchmarks.md); the setup creates the stack both describe.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class DescribeStacksBenchmark
{
    private const string StackName = "bench-describe";

    private Uri _endpoint = null!;
    private AwsConnection _aws = null!;
    private HttpServiceStacks _stacks = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _endpoint = new Uri(Environment.GetEnvironmentVariable("MOTO_ENDPOINT")
            ?? throw new InvalidOperationException("Set MOTO_ENDPOINT to a running moto_server, e.g. http://127.0.0.1:5000."));
        _aws = AwsConnection.Create(new AwsClientOptions
        {
            Region = "us-east-1",
            EndpointUrl = _endpoint,
            Credentials = new BasicAWSCredentials("testing", "testing"),
        });
        _stacks = new HttpServiceStacks(_aws);
        await _stacks.DeleteAsync(StackName);
        await _stacks.StartCreateAsync(new HttpServiceStackRequest { StackName = StackName, DockerImage = "example/web:1", SkipPreflight = true });
    }

    [GlobalCleanup]
    public void Cleanup() => _aws.Dispose();

    /// <summary>ListNamesAsync makes exactly one DescribeStacks call.</summary>
    [Benchmark(Baseline = true)]
    public Task<IReadOnlyList<string>> StackKit_one_DescribeStacks() => _stacks.ListNamesAsync();

    /// <summary>GetAsync: DescribeStacks plus the capacity (DescribeStackResources, DescribeAutoScalingGroups, the load balancer's health).</summary>
    [Benchmark]
    public Task<HttpServiceStack> StackKit_GetAsync() => _stacks.GetAsync(StackName);

    [Benchmark]
    public async Task<int> Aws_cli_describe_stacks()
    {
        var start = new ProcessStartInfo("aws")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "cloudformation", "describe-stacks", "--stack-name", StackName, "--endpoint-url", _endpoint.ToString(), "--output", "json" })
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["AWS_ACCESS_KEY_ID"] = "testing";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "testing";
        start.Environment["AWS_DEFAULT_REGION"] = "us-east-1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("aws did not start.");
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? 0 : throw new InvalidOperationException(await process.StandardError.ReadToEndAsync());
    }
}
