using System.Net;
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

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

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

    public Task<HttpServiceStack> CreateAsync(Dictionary<string, string> parameters, string name = "checked", bool skip = false, HttpServiceOptions? template = null) =>
        Service.CreateAsync(new HttpServiceStackRequest
        {
            StackName = name,
            DockerImage = parameters.GetValueOrDefault(HttpServiceNames.DockerImage),
            InstanceType = parameters.GetValueOrDefault(HttpServiceNames.InstanceType),
            SshKeyName = parameters.GetValueOrDefault(HttpServiceNames.SshKeyName),
            AmiId = parameters.GetValueOrDefault(HttpServiceNames.AmiId),
            // The stack's own credentials, so the warnings are the checks' alone (not the guessable default's).
            ServiceCredential = new NetworkCredential("ops", "Preflight-Passw0rd!"),
            SkipPreflight = skip,
            Template = template,
            Warnings = new Recorder(_warnings),
        });

    public Task<StackUpdateResult> UpdateAsync(string name, Dictionary<string, string> parameters) =>
        Service.UpdateAsync(name, new HttpServiceStackUpdate
        {
            DockerImage = parameters.GetValueOrDefault(HttpServiceNames.DockerImage),
            InstanceType = parameters.GetValueOrDefault(HttpServiceNames.InstanceType),
            SshKeyName = parameters.GetValueOrDefault(HttpServiceNames.SshKeyName),
            AmiId = parameters.GetValueOrDefault(HttpServiceNames.AmiId),
            Warnings = new Recorder(_warnings),
        });

    /// <summary>
    /// The AWS actions moto received while <paramref name="operation"/> ran (moto's request recorder, which keeps its
    /// file in moto's working folder, the test binaries' folder).
    /// </summary>
    public async Task<IReadOnlyList<string>> ActionsDuringAsync(Func<Task> operation)
    {
        await RecorderAsync("reset-recording");
        await RecorderAsync("start-recording");
        try
        {
            await operation();
        }
        finally
        {
            await RecorderAsync("stop-recording");
        }
        var recording = await Http.GetStringAsync(new Uri(moto.Endpoint, "/moto-api/recorder/download-recording"));
        return [.. recording.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(ActionOf).OfType<string>()];
    }

    public async Task<IReadOnlyList<string>> StackNamesAsync() =>
        [.. (await AwsAsync("cloudformation", "describe-stacks")).GetProperty("Stacks").EnumerateArray().Select(s => s.GetProperty("StackName").GetString()!)];

    public async Task<JsonElement> StackAsync(string name) =>
        (await AwsAsync("cloudformation", "describe-stacks", "--stack-name", name)).GetProperty("Stacks")[0];

    public Task<JsonElement> AwsAsync(params string[] arguments) => moto.AwsJsonAsync(arguments);

    public void Dispose() => _aws.Dispose();

    private async Task RecorderAsync(string command)
    {
        using var response = await Http.PostAsync(new Uri(moto.Endpoint, "/moto-api/recorder/" + command), null);
        response.EnsureSuccessStatusCode();
    }

    private static string? ActionOf(string recordedRequest)
    {
        using var request = JsonDocument.Parse(recordedRequest);
        var body = request.RootElement.GetProperty("body").GetString() ?? string.Empty;
        if (request.RootElement.TryGetProperty("body_encoded", out var encoded) && encoded.GetBoolean())
        {
            body = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(body));
        }
        return System.Web.HttpUtility.ParseQueryString(body)["Action"];
    }

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
