using System.Net;
using Fleet.Contracts.V1;

namespace Fleet.Agent.Connection;

/// <summary>What the agent tells the control plane about its node when it registers.</summary>
/// <param name="Address">host:port of the agent's own gRPC endpoint.</param>
internal sealed record NodeDescription(string NodeId, string Address, Resources Capacity)
{
    /// <summary>
    /// The address to register for <paramref name="grpcUrl"/>: its host and port, with a wildcard
    /// listen address replaced by this host's name, since nobody can dial 0.0.0.0.
    /// </summary>
    public static string AddressOf(string grpcUrl)
    {
        var uri = new Uri(grpcUrl, UriKind.Absolute);
        var host = uri.Host;
        if (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)))
        {
            host = Dns.GetHostName();
        }

        return $"{host}:{uri.Port}";
    }
}
