using System.Net;
using Grpc.HealthCheck;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fleet.Cli.Tests.Fakes;

/// <summary>
/// An in-process gRPC server on a loopback ephemeral port (Kestrel, HTTP/2 without TLS, as the real
/// control plane serves) with the fake Workloads, Nodes and health services.
/// </summary>
public sealed class FakeControlPlane : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeControlPlane(WebApplication app, string address)
    {
        _app = app;
        Address = address;
    }

    public string Address { get; }

    public FakeWorkloads Workloads => _app.Services.GetRequiredService<FakeWorkloads>();

    public FakeNodes Nodes => _app.Services.GetRequiredService<FakeNodes>();

    public FakeUsage Usage => _app.Services.GetRequiredService<FakeUsage>();

    public HealthServiceImpl Health => _app.Services.GetRequiredService<HealthServiceImpl>();

    public static async Task<FakeControlPlane> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<FakeWorkloads>();
        builder.Services.AddSingleton<FakeNodes>();
        builder.Services.AddSingleton<FakeUsage>();
        builder.Services.AddSingleton<HealthServiceImpl>();
        var app = builder.Build();
        app.MapGrpcService<FakeWorkloads>();
        app.MapGrpcService<FakeNodes>();
        app.MapGrpcService<FakeUsage>();
        app.MapGrpcService<HealthServiceImpl>();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new FakeControlPlane(app, address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
