using System.Net;
using System.Net.Sockets;

namespace Serverless.Testing;

/// <summary>A loopback port free at the moment of asking (another process may take it before it is bound).</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
