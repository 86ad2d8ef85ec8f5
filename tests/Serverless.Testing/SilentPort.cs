using System.Net;
using System.Net.Sockets;

namespace Serverless.Testing;

/// <summary>
/// A loopback port bound and never listened on while this is held: every connection to it is refused, and no other
/// process can take it meanwhile (as one may take a <see cref="FreePort"/>).
/// </summary>
public sealed class SilentPort : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public SilentPort()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
    }

    public int Port { get; }

    public void Dispose() => _socket.Dispose();
}
