using System.Text.Json;

namespace StackKit.Images;

/// <summary>What the publish needs to know of a project before building it, read by MSBuild itself (one evaluation, no build).</summary>
internal sealed record ProjectFacts(string Version, bool PublishAot)
{
    /// <exception cref="ImagePublishException">The SDK is missing or cannot read the project.</exception>
    public static async Task<ProjectFacts> ReadAsync(string dotnet, FileInfo project, CancellationToken cancellationToken)
    {
        var step = new ToolStep($"Reading {project.Name}'s version (dotnet msbuild -getProperty)", ImagePublishStage.Prepare, ToolStep.QueryLimit,
            "It takes seconds: check that 'dotnet msbuild' evaluates the project in that folder (an SDK resolver or a NuGet feed that hangs).");
        var (exitCode, lines) = await ToolRun.RunAsync(
            step, dotnet, ["msbuild", project.FullName, "-nologo", "-getProperty:" + nameof(Version), "-getProperty:" + nameof(PublishAot)], project.DirectoryName!,
            new Dictionary<string, string?> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" }, null, cancellationToken).ConfigureAwait(false);
        var output = string.Join("\n", lines);
        if (output.Contains("No .NET SDKs were found") || output.Contains("command could exist in a future version") || output.Contains("is not a dotnet command"))
        {
            throw new ImagePublishException(ImagePublishStage.Prepare,
                "dotnet is installed without a .NET SDK (only a runtime). Install the .NET 10 SDK (https://dot.net/download); publishing builds the image with it, no Docker needed.");
        }
        var start = output.IndexOf('{');
        if (exitCode != 0 || start < 0)
        {
            throw new ImagePublishException(ImagePublishStage.Build,
                $"MSBuild cannot read {project.Name}; nothing was built or deployed:{Environment.NewLine}{string.Join(Environment.NewLine, lines.Take(10).Select(line => "  " + line.Trim()))}");
        }
        using var json = JsonDocument.Parse(output.Substring(start));
        var properties = json.RootElement.GetProperty("Properties");
        var version = properties.GetProperty(nameof(Version)).GetString();
        return new ProjectFacts(
            string.IsNullOrEmpty(version) ? "1.0.0" : version!,
            string.Equals(properties.GetProperty(nameof(PublishAot)).GetString(), "true", StringComparison.OrdinalIgnoreCase));
    }
}
