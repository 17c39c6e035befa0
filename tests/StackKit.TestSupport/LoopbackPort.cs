using System.Net;
using System.Net.Sockets;

namespace StackKit.TestSupport;

/// <summary>Ports on 127.0.0.1 for the tests' local servers.</summary>
public static class LoopbackPort
{
    /// <summary>A port nothing listens on now, as the kernel hands out for port 0.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
