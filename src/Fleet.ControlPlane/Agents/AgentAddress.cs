using System.Globalization;

namespace Fleet.ControlPlane.Agents;

/// <summary>The address an agent registers: <c>host:port</c>, the host a name or an IP address (IPv6 in brackets).</summary>
internal static class AgentAddress
{
    public const string Rule = "must be host:port, e.g. 127.0.0.1:7410 or [::1]:7410, with a port from 1 to 65535";

    public static bool IsValid(string? address)
    {
        var colon = address?.LastIndexOf(':') ?? -1;
        if (colon <= 0)
        {
            return false;
        }

        var host = address![..colon];
        var port = address[(colon + 1)..];
        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
        {
            return false;
        }

        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            return Uri.CheckHostName(host[1..^1]) == UriHostNameType.IPv6;
        }

        return Uri.CheckHostName(host) is UriHostNameType.Dns or UriHostNameType.IPv4;
    }
}
