using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Fleet.ControlPlane.Hosting;

/// <summary>
/// A plain-HTTP listen URL such as <c>http://127.0.0.1:7400</c>, <c>http://localhost:7400</c> or
/// <c>http://*:7400</c>. Port 0 picks a free port.
/// </summary>
internal sealed record ListenEndpoint(string Host, int Port)
{
    public static bool TryParse(string? url, out ListenEndpoint endpoint, out string error)
    {
        endpoint = new ListenEndpoint("", 0);
        // Kestrel's "any address" spellings are not URIs; 0.0.0.0 means the same.
        var normalized = url?.Replace("://*:", "://0.0.0.0:", StringComparison.Ordinal).Replace("://+:", "://0.0.0.0:", StringComparison.Ordinal);
        if (!Uri.TryCreate(normalized, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || uri.AbsolutePath != "/")
        {
            error = $"'{url}' is not a listen URL of the form http://host:port (TLS is not served: put a proxy in front for it)";
            return false;
        }

        var host = uri.Host.Trim('[', ']');
        if (host != "localhost" && !IPAddress.TryParse(host, out _))
        {
            error = $"'{url}': the host must be an IP address, localhost or * (not a name to resolve)";
            return false;
        }

        endpoint = new ListenEndpoint(host, uri.Port);
        error = "";
        return true;
    }

    public void Listen(KestrelServerOptions kestrel, HttpProtocols protocols)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        if (Host == "localhost")
        {
            kestrel.ListenLocalhost(Port, listen => listen.Protocols = protocols);
        }
        else
        {
            kestrel.Listen(IPAddress.Parse(Host), Port, listen => listen.Protocols = protocols);
        }
    }
}
