using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Amazon.Runtime;
using StackKit.Aws;

namespace StackKit.Tests.Moto;

/// <summary>
/// A real moto_server (the AWS emulator in the machine's Python) on a free loopback port, for the whole test
/// collection. Tests call <see cref="ResetAsync"/> first so no state leaks between them.
/// </summary>
public sealed class MotoServer : IAsyncLifetime
{
    public const string Region = "us-east-1";
    public const string AccessKey = "testing";
    public const string SecretKey = "testing";

    private Process? _process;
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public Uri Endpoint { get; private set; } = new("http://127.0.0.1");

    public async Task InitializeAsync()
    {
        var port = FreeLoopbackPort();
        Endpoint = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("moto_server", $"-H 127.0.0.1 -p {port}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("moto_server did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"moto_server exited with code {_process.ExitCode} before it answered.");
            }
            try
            {
                using var response = await Http.GetAsync(new Uri(Endpoint, "/moto-api/data.json"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"moto_server did not answer on {Endpoint} within 60 s.");
    }

    /// <summary>A StackKit connection to this moto with the test credentials, in <paramref name="region"/>, optionally through <paramref name="handler"/>.</summary>
    public AwsConnection Connect(string region = Region, HttpMessageHandler? handler = null)
    {
        var options = new AwsClientOptions { Region = region, EndpointUrl = Endpoint, Credentials = new BasicAWSCredentials(AccessKey, SecretKey) };
        return handler is null ? AwsConnection.Create(options) : AwsConnection.Create(options, handler);
    }

    /// <summary>Clears every resource moto holds.</summary>
    public async Task ResetAsync()
    {
        using var response = await Http.PostAsync(new Uri(Endpoint, "/moto-api/reset"), content: null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Runs the real AWS CLI against this moto endpoint and returns its exit code and output.</summary>
    public Task<(int ExitCode, string StdOut, string StdErr)> RunAwsCliAsync(params string[] arguments) =>
        RunAwsCliAsync(Endpoint, arguments);

    /// <summary>
    /// Runs the real AWS CLI against this moto endpoint, asserts it succeeded, and returns its JSON output (default for
    /// commands such as delete-subnet that print nothing).
    /// </summary>
    public async Task<JsonElement> AwsJsonAsync(params string[] arguments)
    {
        var (exitCode, stdout, stderr) = await RunAwsCliAsync(arguments);
        Assert.True(exitCode == 0, $"aws {string.Join(' ', arguments)} failed ({exitCode}): {stderr}");
        return string.IsNullOrWhiteSpace(stdout) ? default : JsonDocument.Parse(stdout).RootElement.Clone();
    }

    /// <summary>Runs the real AWS CLI against any loopback endpoint (moto or the scripted fake) with test credentials.</summary>
    public static async Task<(int ExitCode, string StdOut, string StdErr)> RunAwsCliAsync(Uri endpoint, params string[] arguments)
    {
        var start = new ProcessStartInfo("aws")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.ArgumentList.Add("--endpoint-url");
        start.ArgumentList.Add(endpoint.ToString());
        start.ArgumentList.Add("--output");
        start.ArgumentList.Add("json");
        start.Environment["AWS_ACCESS_KEY_ID"] = AccessKey;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = SecretKey;
        start.Environment["AWS_DEFAULT_REGION"] = Region;
        start.Environment.Remove("AWS_PROFILE");

        using var process = Process.Start(start) ?? throw new InvalidOperationException("aws did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process?.Dispose();
        Http.Dispose();
        return Task.CompletedTask;
    }

    internal static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
