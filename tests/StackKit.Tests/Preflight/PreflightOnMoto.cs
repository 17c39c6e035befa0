using System.Text.Json;
using Amazon.Runtime;
using StackKit.Aws;
using StackKit.HttpService;
using StackKit.Preflight;
using StackKit.Stacks;
using StackKit.Tests.Moto;

namespace StackKit.Tests.Preflight;

/// <summary>The HTTP service facade over a reset moto, recording the checks' warnings, and what moto then holds.</summary>
internal sealed class PreflightOnMoto(MotoServer moto) : IDisposable
{
    private readonly AwsConnection _aws = AwsConnection.Create(new AwsClientOptions
    {
        Region = MotoServer.Region,
        EndpointUrl = moto.Endpoint,
        Credentials = new BasicAWSCredentials(MotoServer.AccessKey, MotoServer.SecretKey),
    });

    private readonly List<PreflightWarning> _warnings = [];

    public HttpServiceStacks Service => new(_aws);

    public IReadOnlyList<PreflightWarning> Warnings
    {
        get
        {
            lock (_warnings)
            {
                return [.. _warnings];
            }
        }
    }

    public Task<StackInfo> CreateAsync(Dictionary<string, string> parameters, string name = "checked", bool skip = false) =>
        Service.CreateAsync(new HttpServiceStackRequest
        {
            StackName = name,
            Parameters = parameters,
            SkipPreflight = skip,
            Warnings = new Recorder(_warnings),
        });

    public Task<StackUpdateResult> UpdateAsync(string name, Dictionary<string, string> parameters) =>
        Service.UpdateAsync(new HttpServiceStackUpdate { StackName = name, Parameters = parameters, Warnings = new Recorder(_warnings) });

    public async Task<IReadOnlyList<string>> StackNamesAsync() =>
        [.. (await AwsAsync("cloudformation", "describe-stacks")).GetProperty("Stacks").EnumerateArray().Select(s => s.GetProperty("StackName").GetString()!)];

    public async Task<JsonElement> StackAsync(string name) =>
        (await AwsAsync("cloudformation", "describe-stacks", "--stack-name", name)).GetProperty("Stacks")[0];

    public async Task<JsonElement> AwsAsync(params string[] arguments)
    {
        var (exitCode, stdout, stderr) = await moto.RunAwsCliAsync(arguments);
        Assert.True(exitCode == 0, $"aws {string.Join(' ', arguments)} failed ({exitCode}): {stderr}");
        // Commands such as delete-subnet print nothing.
        return string.IsNullOrWhiteSpace(stdout) ? default : JsonDocument.Parse(stdout).RootElement.Clone();
    }

    public void Dispose() => _aws.Dispose();

    /// <summary>Records synchronously, unlike <see cref="Progress{T}"/>, which posts to the thread pool.</summary>
    private sealed class Recorder(List<PreflightWarning> warnings) : IProgress<PreflightWarning>
    {
        public void Report(PreflightWarning value)
        {
            lock (warnings)
            {
                warnings.Add(value);
            }
        }
    }
}
