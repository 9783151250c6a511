using System.Collections.Concurrent;
using System.Net;
using Fleet.Contracts.V1;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fleet.ControlPlane.Tests.Support;

/// <summary>
/// A node agent's gRPC endpoint (the fleet.v1.Agent service) on a free loopback port, serving
/// fixed log chunks and recording what it was asked.
/// </summary>
internal sealed class FakeAgentServer : IAsyncDisposable
{
    public static readonly LogChunk[] Chunks =
    [
        new() { Stream = LogStream.Stdout, Data = ByteString.CopyFromUtf8("hello\n") },
        new() { Stream = LogStream.Stderr, Data = ByteString.CopyFromUtf8("oops\n") },
    ];

    private readonly WebApplication app;

    private FakeAgentServer(WebApplication app, int port, ConcurrentQueue<AgentStreamLogsRequest> requests)
    {
        this.app = app;
        Address = $"127.0.0.1:{port}";
        Requests = requests;
    }

    /// <summary>host:port, as an agent registers it.</summary>
    public string Address { get; }

    public ConcurrentQueue<AgentStreamLogsRequest> Requests { get; }

    public static async Task<FakeAgentServer> Start()
    {
        var port = FreePorts.Next();
        var requests = new ConcurrentQueue<AgentStreamLogsRequest>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(requests);
        var app = builder.Build();
        app.MapGrpcService<Logs>();
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new FakeAgentServer(app, port, requests);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
    }

    private sealed class Logs(ConcurrentQueue<AgentStreamLogsRequest> requests) : Agent.AgentBase
    {
        public override async Task StreamLogs(AgentStreamLogsRequest request, IServerStreamWriter<LogChunk> responseStream, ServerCallContext context)
        {
            requests.Enqueue(request);
            foreach (var chunk in Chunks)
            {
                await responseStream.WriteAsync(chunk, context.CancellationToken);
            }
        }
    }
}
