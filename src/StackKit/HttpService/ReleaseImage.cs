using System.Reflection;

namespace StackKit.HttpService;

/// <summary>
/// The image each StackKit release publishes (see .github/workflows/release.yml): the server at the library's own
/// version, never <c>latest</c>, so a stack runs the server its StackKit was tested with.
/// </summary>
public static class ReleaseImage
{
    /// <summary>The registry and repository the release workflow pushes to.</summary>
    public const string Repository = "ghcr.io/stackkit/http-service";

    /// <summary>StackKit's version: the <c>VersionPrefix</c> of Directory.Build.props, compiled in.</summary>
    public static string Version { get; } = typeof(ReleaseImage).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "StackKitVersion").Value
        ?? throw new InvalidOperationException("The StackKitVersion assembly metadata has no value.");

    /// <summary>The release's image reference, e.g. <c>ghcr.io/stackkit/http-service:0.1.0</c>.</summary>
    public static string Reference { get; } = $"{Repository}:{Version}";
}
