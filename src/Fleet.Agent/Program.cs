using Fleet.Agent;
using Fleet.Agent.Hosting;
using Fleet.Agent.Logs;
using Fleet.Agent.Rootfs;
using Fleet.Jail;
using Fleet.ServiceDefaults;
using Grpc.Health.V1;
using Grpc.HealthCheck;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);
builder.AddFleetServiceDefaults("fleet-agent");
builder.Services.AddFleetAgent(builder.Configuration);
builder.Services.AddSingleton<IRootfsBuilder, BusyboxRootfsBuilder>();
builder.Services.AddSingleton(provider =>
{
    var agent = provider.GetRequiredService<IOptions<AgentOptions>>().Value;
    return new JailRuntime(
        new JailRuntimeOptions
        {
            StateDirectory = Path.Combine(agent.StateDirectory, "jails"),
            InitPath = agent.JailInitPath,
            CgroupParent = agent.CgroupParent,
        },
        provider.GetRequiredService<ILogger<JailRuntime>>(),
        provider.GetRequiredService<TimeProvider>());
});
builder.Services.AddSingleton<IJailRuntime>(provider => provider.GetRequiredService<JailRuntime>());
builder.Services.AddGrpc();
builder.Services.AddSingleton<HealthServiceImpl>();

// Endpoints are read before the host is built: Kestrel needs them to open its sockets.
var endpoints = builder.Configuration.GetSection(AgentOptions.Section).Get<AgentOptions>() ?? new AgentOptions();
builder.WebHost.ConfigureKestrel(kestrel =>
{
    ListenEndpoint.Listen(kestrel, endpoints.GrpcUrl, HttpProtocols.Http2);
    ListenEndpoint.Listen(kestrel, endpoints.HttpUrl, HttpProtocols.Http1);
});

var app = builder.Build();
var health = app.Services.GetRequiredService<HealthServiceImpl>();
health.SetStatus(string.Empty, HealthCheckResponse.Types.ServingStatus.Serving);
health.SetStatus("fleet.v1.Agent", HealthCheckResponse.Types.ServingStatus.Serving);

app.MapGrpcService<AgentLogService>();
app.MapGrpcService<HealthServiceImpl>();
app.MapFleetDefaultEndpoints();
await app.RunAsync();
