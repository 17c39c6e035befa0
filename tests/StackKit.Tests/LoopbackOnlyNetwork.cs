using System.Runtime.CompilerServices;

namespace StackKit.Tests;

/// <summary>
/// Tests may reach loopback only. Every HTTP client of the process (the image registry checks above all, which look
/// up images such as ghcr.io/... or nginx) sends non-loopback requests to a proxy on a closed loopback port, where
/// they fail at once as "unreachable" instead of leaving the machine.
/// </summary>
internal static class LoopbackOnlyNetwork
{
    /// <summary>The closed port (discard) that stands in for the internet.</summary>
    public const string Proxy = "http://127.0.0.1:9";

    [ModuleInitializer]
    internal static void Enable()
    {
        Environment.SetEnvironmentVariable("HTTP_PROXY", Proxy);
        Environment.SetEnvironmentVariable("HTTPS_PROXY", Proxy);
        Environment.SetEnvironmentVariable("NO_PROXY", "127.0.0.1,localhost,::1");
    }
}
