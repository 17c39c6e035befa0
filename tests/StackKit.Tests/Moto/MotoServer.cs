using System.Diagnostics;
using System.Text.Json;
using Amazon.Runtime;
using StackKit.Aws;
using StackKit.TestSupport;

namespace StackKit.Tests.Moto;

/// <summary>
/// A real moto_server (the AWS emulator in the machine's Python) on a free loopback port, for the whole test
/// collection. Tests call <see cref="ResetAsync"/> first so no state leaks between them.
/// </summary>
public sealed class MotoServer : IAsyncLifetime
{
    public const string Region = MotoProcess.Region;
    public const string AccessKey = MotoProcess.AccessKey;
    public const string SecretKey = MotoProcess.SecretKey;

    private MotoProcess? _moto;

    public Uri Endpoint => _moto?.Endpoint ?? throw new InvalidOperationException("moto_server has not started yet.");

    public async Task InitializeAsync() => _moto = await MotoProcess.StartAsync();

    /// <summary>A StackKit connection to this moto with the test credentials, in <paramref name="region"/>, optionally through <paramref name="handler"/>.</summary>
    public AwsConnection Connect(string region = Region, HttpMessageHandler? handler = null)
    {
        var options = new AwsClientOptions { Region = region, EndpointUrl = Endpoint, Credentials = new BasicAWSCredentials(AccessKey, SecretKey) };
        return handler is null ? AwsConnection.Create(options) : AwsConnection.Create(options, handler);
    }

    /// <summary>Clears every resource moto holds.</summary>
    public Task ResetAsync() => _moto!.ResetAsync();

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

    public async Task DisposeAsync()
    {
        if (_moto is not null)
        {
            await _moto.DisposeAsync();
        }
    }
}
