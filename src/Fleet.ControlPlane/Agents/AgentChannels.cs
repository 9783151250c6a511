using System.Collections.Concurrent;
using Grpc.Net.Client;

namespace Fleet.ControlPlane.Agents;

/// <summary>
/// One gRPC channel per agent address, kept for the life of the host: a channel holds its HTTP/2
/// connections and is meant to be reused across calls. Agents serve plain HTTP/2 (h2c).
/// </summary>
internal sealed class AgentChannels : IDisposable
{
    /// <summary>How long connecting to an agent may take before the call fails as unavailable.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, Lazy<GrpcChannel>> channels = new(StringComparer.Ordinal);

    /// <param name="address">The agent's host:port, as it registered it.</param>
    public GrpcChannel For(string address) =>
        channels.GetOrAdd(address, key => new Lazy<GrpcChannel>(() => Create(key))).Value;

    public void Dispose()
    {
        foreach (var channel in channels.Values.Where(channel => channel.IsValueCreated))
        {
            channel.Value.Dispose();
        }
    }

    private static GrpcChannel Create(string address) =>
        GrpcChannel.ForAddress($"http://{address}", new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                ConnectTimeout = ConnectTimeout,
                EnableMultipleHttp2Connections = true,
                // Followed log streams can be quiet for long; pings keep a dead agent from
                // holding a stream open forever.
                KeepAlivePingDelay = TimeSpan.FromSeconds(30),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
            },
            DisposeHttpClient = true,
        });
}
