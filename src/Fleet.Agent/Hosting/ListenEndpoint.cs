using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Fleet.Agent.Hosting;

/// <summary>Turns a configured URL into a Kestrel listen socket with one protocol, so gRPC and HTTP/1 never share a port.</summary>
internal static class ListenEndpoint
{
    public static void Listen(KestrelServerOptions kestrel, string url, HttpProtocols protocols)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        var uri = new Uri(url, UriKind.Absolute);
        if (uri.Scheme != Uri.UriSchemeHttp)
        {
            throw new InvalidOperationException($"'{url}': only http:// endpoints are supported; put TLS in front of the agent");
        }

        if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address))
        {
            kestrel.Listen(address, uri.Port, listen => listen.Protocols = protocols);
        }
        else if (uri.IsLoopback)
        {
            kestrel.ListenLocalhost(uri.Port, listen => listen.Protocols = protocols);
        }
        else
        {
            // A host name: listen everywhere, as one cannot bind to a name.
            kestrel.ListenAnyIP(uri.Port, listen => listen.Protocols = protocols);
        }
    }
}
