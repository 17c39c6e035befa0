using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;

namespace StackKit.Server.Tests.Support;

/// <summary>The real host (the StackKit.Server executable) listening on a free port of 127.0.0.1.</summary>
internal sealed partial class ServerProcess : IAsyncDisposable
{
    public const string Username = "deploy";
    public const string Password = "process-test-password";

    private readonly Process process;
    private readonly StringBuilder output;

    private ServerProcess(Process process, StringBuilder output, Uri baseAddress)
    {
        this.process = process;
        this.output = output;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}")));
    }

    public Uri BaseAddress { get; }

    public int ProcessId => process.Id;

    /// <summary>A client that sends the configured credentials.</summary>
    public HttpClient Client { get; }

    /// <summary>Everything the server printed so far (its log lines).</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts the host writing <paramref name="sshDirectory"/>, or, when null, the .ssh of <paramref name="home"/>, with
    /// the extra <paramref name="environment"/> (fleet mode, caps), run by <paramref name="wrapper"/> when given (a
    /// command that ends by exec-ing its arguments, so the server keeps its process id).
    /// </summary>
    public static async Task<ServerProcess> StartAsync(
        string? sshDirectory, string? home = null, IDictionary<string, string>? environment = null, IReadOnlyList<string>? wrapper = null)
    {
        var executable = Path.Combine(AppContext.BaseDirectory, "StackKit.Server");
        var start = new ProcessStartInfo(wrapper?[0] ?? executable)
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        string[] arguments = wrapper is null ? ["--urls", "http://127.0.0.1:0"] : [.. wrapper.Skip(1), executable, "--urls", "http://127.0.0.1:0"];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (sshDirectory is not null)
        {
            start.Environment["KeyInjection__SshDirectory"] = sshDirectory;
        }

        if (home is not null)
        {
            start.Environment["HOME"] = home;
        }

        start.Environment["KeyInjection__Username"] = Username;
        start.Environment["KeyInjection__Password"] = Password;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var output = new StringBuilder();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(object? sender, DataReceivedEventArgs e)
        {
            lock (output)
            {
                if (e.Data is null)
                {
                    listening.TrySetException(new InvalidOperationException($"The server exited before listening:\n{output}"));
                    return;
                }

                output.AppendLine(e.Data);
            }

            var match = ListeningOn().Match(e.Data);
            if (match.Success)
            {
                listening.TrySetResult(new Uri(match.Value));
            }
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += OnLine;
        process.ErrorDataReceived += OnLine;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var address = await listening.Task.WaitAsync(TimeSpan.FromMinutes(1));
        return new ServerProcess(process, output, address);
    }

    /// <summary>Posts a key file (the .pub contents, newline included) as the README's curl command does.</summary>
    public Task<HttpResponseMessage> PostKeyFileAsync(string keyFile) =>
        Client.PostAsync(new Uri("/add_public_key", UriKind.Relative),
            new StringContent(TestKeys.ReadmeBody(keyFile), Encoding.UTF8, "application/x-www-form-urlencoded"));

    /// <summary>Ends the server as a power cut or OOM kill would: SIGKILL, no chance to clean up.</summary>
    public async Task KillAsync()
    {
        process.Kill();
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!process.HasExited)
        {
            await KillAsync();
        }

        process.Dispose();
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+")]
    private static partial Regex ListeningOn();
}
