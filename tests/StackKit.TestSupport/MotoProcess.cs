using System.Diagnostics;
using System.Globalization;

namespace StackKit.TestSupport;

/// <summary>
/// A real moto_server (the AWS emulator in the machine's Python) on a free port of 127.0.0.1: started, ready when it
/// answers, reset, and stopped with its process tree.
/// </summary>
public sealed class MotoProcess : IAsyncDisposable
{
    /// <summary>The region and keys of moto's test account, which moto accepts and AWS never would.</summary>
    public const string Region = "us-east-1";
    public const string AccessKey = "testing";
    public const string SecretKey = "testing";

    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private MotoProcess(Process process, Uri endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    /// <summary>Starts moto_server and returns when it answers; throws (and stops it) when it exits or stays silent.</summary>
    public static async Task<MotoProcess> StartAsync()
    {
        var port = LoopbackPort.Free();
        var start = new ProcessStartInfo("moto_server", ["-H", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // moto's own botocore looks for credentials for some services (route53): the test keys, never instance metadata.
            Environment =
            {
                ["AWS_ACCESS_KEY_ID"] = "testing",
                ["AWS_SECRET_ACCESS_KEY"] = "testing",
                ["AWS_EC2_METADATA_DISABLED"] = "true",
            },
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("moto_server did not start.");
        // Drained, so a chatty moto never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var moto = new MotoProcess(process, new Uri($"http://127.0.0.1:{port}"));
        try
        {
            await moto.WaitUntilReadyAsync();
            return moto;
        }
        catch
        {
            await moto.DisposeAsync();
            throw;
        }
    }

    /// <summary>Clears every resource moto holds.</summary>
    public async Task ResetAsync()
    {
        using var response = await _http.PostAsync(new Uri(Endpoint, "/moto-api/reset"), content: null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Stops moto: its endpoint is unreachable from then on.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
        _http.Dispose();
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow + ReadyWithin;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"moto_server exited with code {_process.ExitCode} before it answered.");
            }
            try
            {
                using var response = await _http.GetAsync(new Uri(Endpoint, "/moto-api/data.json"));
                if (response.IsSuccessStatusCode)
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
        throw new TimeoutException($"moto_server did not answer on {Endpoint} within {ReadyWithin.TotalSeconds} s.");
    }
}
