using StackKit.Preflight;

namespace StackKit.HttpService;

/// <summary>A change to an HTTP service stack's parameters; every parameter not named keeps its value.</summary>
public sealed class HttpServiceStackUpdate
{
    /// <summary>The stack to change.</summary>
    public required string StackName { get; init; }

    /// <summary>The new values by template parameter name (<c>DockerImage</c>, <c>InstanceType</c>, ...).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Skips the checks of the changed values before UpdateStack; a warning says so.</summary>
    public bool SkipPreflight { get; init; }

    /// <summary>Where the checks' warnings go; null drops them.</summary>
    public IProgress<PreflightWarning>? Warnings { get; init; }
}
