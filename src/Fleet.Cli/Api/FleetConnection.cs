using Fleet.Contracts.V1;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace Fleet.Cli.Api;

/// <summary>
/// One gRPC channel to the control plane's public API, with the clients the commands use. Plain
/// <c>http://</c> addresses speak HTTP/2 without TLS (h2c), as the control plane serves them.
/// </summary>
internal sealed class FleetConnection : IDisposable
{
    /// <summary>How long a unary call may take before it counts as unavailable (DEADLINE_EXCEEDED).</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    // A control plane that is down refuses at once; one that is unreachable (firewall, wrong host)
    // should not make the user wait for the kernel's two-minute SYN timeout.
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    private readonly GrpcChannel _channel;

    public FleetConnection(Uri address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Address = address;
        _channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { ConnectTimeout = ConnectTimeout, EnableMultipleHttp2Connections = true },
            DisposeHttpClient = true,
        });
        Workloads = new Workloads.WorkloadsClient(_channel);
        Nodes = new Nodes.NodesClient(_channel);
        Usage = new Usage.UsageClient(_channel);
        Health = new Health.HealthClient(_channel);
    }

    public Uri Address { get; }

    public Workloads.WorkloadsClient Workloads { get; }

    public Nodes.NodesClient Nodes { get; }

    public Usage.UsageClient Usage { get; }

    public Health.HealthClient Health { get; }

    /// <summary>The deadline for a unary call started now.</summary>
    public static DateTime Deadline() => DateTime.UtcNow.Add(CallTimeout);

    public void Dispose() => _channel.Dispose();
}
