using System.Management.Automation;

namespace StackKit.PowerShell;

/// <summary>
/// Judges where a piped object says to act against what the user typed: a piped stack is not acted on in another
/// region than a typed -Region, and signed calls go to a piped endpoint off this machine only when it was typed too.
/// </summary>
internal sealed class PipedLocationGuard
{
    private readonly string? _typedRegion;
    private readonly bool _endpointTyped;

    private PipedLocationGuard(string? typedRegion, bool endpointTyped)
    {
        _typedRegion = typedRegion;
        _endpointTyped = endpointTyped;
    }

    /// <summary>Nothing typed: what a cmdlet has before it begins processing.</summary>
    public static PipedLocationGuard None { get; } = new(null, false);

    /// <summary>Records what was typed; call it in BeginProcessing, when only typed values are bound.</summary>
    public static PipedLocationGuard Typed(InvocationInfo invocation, string? region) =>
        new(invocation.BoundParameters.ContainsKey("Region") ? region : null, invocation.BoundParameters.ContainsKey("EndpointUrl"));

    /// <summary>Why a piped stack (or key) may not be acted on with the typed -Region, or null when it may.</summary>
    public string? RegionConflict((string StackName, string Region, object Item)? piped) =>
        piped is { } origin && _typedRegion is { } typed && !string.Equals(origin.Region, typed, StringComparison.OrdinalIgnoreCase)
            ? $"Stack '{origin.StackName}' came from {origin.Region}, but -Region says {typed}. Leave -Region out to act on the stack where it is, or get the stack from {typed}."
            : null;

    /// <summary>Why calls may not go to <paramref name="endpoint"/>, or null when they may.</summary>
    /// <remarks>
    /// Any object with an EndpointUrl property binds; a CSV must not send signed calls (and a session token) elsewhere.
    /// Uri.IsLoopback is localhost, 127.0.0.0/8 and ::1.
    /// </remarks>
    public string? EndpointRefusal(Uri? endpoint) =>
        endpoint is not null && !_endpointTyped && !endpoint.IsLoopback
            ? $"The piped object names the endpoint {endpoint}, which is not on this machine. StackKit sends signed requests to another " +
              $"host only when you name it: add -EndpointUrl {endpoint} to the command."
            : null;
}
