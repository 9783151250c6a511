using System.Net;
using System.Net.Sockets;
using Fleet.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Fleet.Deploy.Tests;

/// <summary>
/// A loopback host set up the way the control plane is for telemetry: Fleet's service defaults,
/// an Orleans silo, an HTTP/1 endpoint and an HTTP/2 (gRPC-style) endpoint. It exports the same
/// metric names a real control plane does, without depending on the control plane's code.
/// </summary>
internal sealed class ServiceDefaultsHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _client = new();

    private ServiceDefaultsHost(WebApplication app, int http1Port, int http2Port)
    {
        _app = app;
        Http1 = new Uri($"http://127.0.0.1:{http1Port}");
        Http2 = new Uri($"http://127.0.0.1:{http2Port}");
    }

    public Uri Http1 { get; }

    public Uri Http2 { get; }

    public static async Task<ServiceDefaultsHost> StartAsync(CancellationToken cancellationToken)
    {
        int[] ports = [FreePort(), FreePort(), FreePort(), FreePort()];
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Serilog:MinimumLevel:Default"] = "Warning",
        });
        builder.AddFleetServiceDefaults("fleet-deploy-tests");
        builder.UseOrleans(silo => silo.UseLocalhostClustering(siloPort: ports[2], gatewayPort: ports[3]));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, ports[0], endpoint => endpoint.Protocols = HttpProtocols.Http1);
            kestrel.Listen(IPAddress.Loopback, ports[1], endpoint => endpoint.Protocols = HttpProtocols.Http2);
        });

        var app = builder.Build();
        app.MapFleetDefaultEndpoints();
        await app.StartAsync(cancellationToken);
        return new ServiceDefaultsHost(app, ports[0], ports[1]);
    }

    /// <summary>GET /healthz over HTTP/1.1 or, on the HTTP/2 endpoint, over cleartext HTTP/2 as gRPC clients speak it.</summary>
    public async Task GetHealthAsync(Version version, CancellationToken cancellationToken)
    {
        var endpoint = version == HttpVersion.Version20 ? Http2 : Http1;
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(endpoint, "/healthz"))
        {
            Version = version,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        using var response = await _client.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public Task<string> ScrapeAsync(CancellationToken cancellationToken) =>
        _client.GetStringAsync(new Uri(Http1, "/metrics"), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    // Bind-and-release leaves a short race with other processes; acceptable for loopback tests.
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
