using System.Net;
using System.Net.Sockets;

namespace StackKit.Tests.FirstBoot;

/// <summary>
/// Relays every connection to the Unix socket at a path to a TCP port of this machine's loopback, until disposed: how
/// a process in the rehearsal's network namespace, which has a loopback of its own, reaches a server of the test's,
/// through the file system both see. Nothing else can: the namespace has no route out.
/// </summary>
internal sealed class UnixSocketRelay : IAsyncDisposable
{
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly CancellationTokenSource _stop = new();
    private readonly int _port;
    private readonly Task _accepting;

    public UnixSocketRelay(string path, int port)
    {
        _port = port;
        _listener.Bind(new UnixDomainSocketEndPoint(path));
        _listener.Listen();
        _accepting = AcceptAsync();
    }

    private async Task AcceptAsync()
    {
        var relays = new List<Task>();
        try
        {
            while (true)
            {
                relays.Add(RelayAsync(await _listener.AcceptAsync(_stop.Token)));
            }
        }
        catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Disposed: no more connections.
        }
        await Task.WhenAll(relays);
    }

    private async Task RelayAsync(Socket client)
    {
        using var accepted = client;
        using var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, _port, _stop.Token);
            await using var fromClient = new NetworkStream(accepted);
            await using var fromServer = new NetworkStream(server);
            // Either side closing ends the connection; disposing both sockets ends the other copy.
            await Task.WhenAny(fromClient.CopyToAsync(fromServer, _stop.Token), fromServer.CopyToAsync(fromClient, _stop.Token));
        }
        catch (Exception error) when (error is IOException or SocketException or OperationCanceledException)
        {
            // A side went away: the connection ends, as it would without the relay.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _accepting;
        _stop.Dispose();
    }
}
