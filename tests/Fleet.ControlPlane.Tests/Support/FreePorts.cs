using System.Net;
using System.Net.Sockets;

namespace Fleet.ControlPlane.Tests.Support;

/// <summary>Loopback ports nobody listens on, found by binding port 0; never the same one twice in a test run.</summary>
internal static class FreePorts
{
    private static readonly HashSet<int> Handed = [];

    public static int Next()
    {
        lock (Handed)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                listener.Stop();
                if (Handed.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
