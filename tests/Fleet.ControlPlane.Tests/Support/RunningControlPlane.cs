using Fleet.ControlPlane.Hosting;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Proto = Fleet.Contracts.V1;

namespace Fleet.ControlPlane.Tests.Support;

/// <summary>
/// The real control-plane host (<see cref="ControlPlaneHost.Build"/>), started in this process on
/// free loopback ports, with gRPC clients of its public and agent APIs.
/// </summary>
internal sealed class RunningControlPlane : IAsyncDisposable
{
    private readonly WebApplication app;

    private RunningControlPlane(WebApplication app, int grpcPort, int httpPort)
    {
        this.app = app;
        GrpcAddress = new Uri($"http://127.0.0.1:{grpcPort}");
        HttpAddress = new Uri($"http://127.0.0.1:{httpPort}");
        Channel = GrpcChannel.ForAddress(GrpcAddress);
        Workloads = new Proto.Workloads.WorkloadsClient(Channel);
        Nodes = new Proto.Nodes.NodesClient(Channel);
        Agents = new Proto.AgentControl.AgentControlClient(Channel);
    }

    public Uri GrpcAddress { get; }

    public Uri HttpAddress { get; }

    public GrpcChannel Channel { get; }

    public Proto.Workloads.WorkloadsClient Workloads { get; }

    public Proto.Nodes.NodesClient Nodes { get; }

    public Proto.AgentControl.AgentControlClient Agents { get; }

    /// <param name="settings">More configuration, as <c>Key=value</c> (e.g. <c>Fleet:NodeHeartbeatTimeout=00:00:02</c>).</param>
    public static async Task<RunningControlPlane> Start(string dataDirectory, params string[] settings)
    {
        var grpcPort = FreePorts.Next();
        var httpPort = FreePorts.Next();
        string[] args =
        [
            $"--Fleet:DataDirectory={dataDirectory}",
            $"--Fleet:GrpcUrl=http://127.0.0.1:{grpcPort}",
            $"--Fleet:HttpUrl=http://127.0.0.1:{httpPort}",
            $"--Orleans:SiloPort={FreePorts.Next()}",
            $"--Orleans:GatewayPort={FreePorts.Next()}",
            "--Serilog:MinimumLevel:Default=Warning",
            .. settings.Select(setting => "--" + setting),
        ];
        var app = ControlPlaneHost.Build(args);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new RunningControlPlane(app, grpcPort, httpPort);
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
    }
}
