using System.Diagnostics;

namespace StackKit.Server.Tests.Support;

/// <summary>Runs a command-line tool (ssh-keygen, curl, bash) and returns its exit code and output.</summary>
internal static class Tool
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string fileName, IEnumerable<string> arguments,
        IDictionary<string, string>? environment = null, string? standardInput = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
            process.StandardInput.Close();
        }

        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    /// <summary>Generates a real key pair with ssh-keygen; returns the private key's path (the .pub is beside it).</summary>
    public static async Task<string> GenerateKeyPairAsync(string directory, string name, string type = "ed25519")
    {
        var path = Path.Combine(directory, name);
        var (exitCode, output) = await RunAsync("ssh-keygen", ["-q", "-t", type, "-N", "", "-C", name, "-f", path]);
        Assert.True(exitCode == 0, output);
        return path;
    }
}
