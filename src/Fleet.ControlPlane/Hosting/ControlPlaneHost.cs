using Fleet.ControlPlane.Agents;
using Fleet.ControlPlane.Api;
using Fleet.ControlPlane.Nodes;
using Fleet.ControlPlane.Telemetry;
using Fleet.ControlPlane.Usage;
using Fleet.ControlPlane.Workloads;
using Fleet.Grains;
using Fleet.ServiceDefaults;
using Grpc.HealthCheck;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Fleet.ControlPlane.Hosting;

/// <summary>
/// The control-plane process: an Orleans silo (localhost clustering, grain state on SQLite in
/// the data directory) and the gRPC API in one ASP.NET Core host. gRPC, health and reflection
/// are served on <c>Fleet:GrpcUrl</c> (HTTP/2 only, so plain-text gRPC needs no TLS for
/// protocol negotiation); <c>/metrics</c> and <c>/healthz</c> on <c>Fleet:HttpUrl</c> (HTTP/1).
/// </summary>
internal static class ControlPlaneHost
{
    public const string ServiceName = "fleet-controlplane";

    /// <summary>Builds the host from command-line arguments (<c>--Fleet:DataDirectory=…</c>) and the usual configuration sources.</summary>
    /// <exception cref="OptionsValidationException">A setting is invalid; the message names its key.</exception>
    public static WebApplication Build(string[] args)
    {
        // appsettings.json ships beside the binary: read it from there, wherever the process starts.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.AddFleetServiceDefaults(ServiceName);

        // The silo's ports and the data directory are needed while the host is being built, so
        // the options are checked here already, with the same validators as at start.
        var options = Bind<ControlPlaneOptions>(builder, ControlPlaneOptions.Section, new ControlPlaneOptionsValidator());
        var ports = Bind<SiloPortsOptions>(builder, SiloPortsOptions.Section, new SiloPortsOptionsValidator());
        Directory.CreateDirectory(options.DataDirectory);
        builder.Services.AddOptions<FleetGrainOptions>().Bind(builder.Configuration.GetSection(ControlPlaneOptions.Section));

        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(ports.SiloPort, ports.GatewayPort)
            .AddFleetGrains(options.DataDirectory)
            .AddActivityPropagation());

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            ListenOn(options.GrpcUrl).Listen(kestrel, HttpProtocols.Http2);
            ListenOn(options.HttpUrl).Listen(kestrel, HttpProtocols.Http1);
        });

        var services = builder.Services;
        services.AddGrpc(grpc => grpc.Interceptors.Add<ErrorInterceptor>());
        services.AddGrpcReflection();
        services.AddSingleton<HealthServiceImpl>();
        services.AddHostedService<GrpcHealthPublisher>();
        services.AddHostedService<NodeLivenessLog>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ControlPlaneTelemetry>();
        services.AddSingleton<AgentChannels>();
        services.AddSingleton<WorkloadEventFeed>();
        services.AddSingleton<WorkloadLogRelay>();
        services.AddOptions<UsageStoreOptions>().Bind(builder.Configuration.GetSection(UsageStoreOptions.Section));
        services.AddSingleton<UsageStore>();

        var app = builder.Build();
        app.MapGrpcService<WorkloadsService>();
        app.MapGrpcService<NodesService>();
        app.MapGrpcService<AgentControlService>();
        app.MapGrpcService<UsageService>();
        app.MapGrpcService<HealthServiceImpl>();
        app.MapGrpcReflectionService();
        app.MapFleetDefaultEndpoints();
        return app;
    }

    private static T Bind<T>(WebApplicationBuilder builder, string section, IValidateOptions<T> validator)
        where T : class, new()
    {
        builder.Services.AddSingleton(validator);
        builder.Services.AddOptions<T>().Bind(builder.Configuration.GetSection(section)).ValidateOnStart();

        var options = builder.Configuration.GetSection(section).Get<T>() ?? new T();
        var result = validator.Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(T), result.Failures);
        }

        return options;
    }

    private static ListenEndpoint ListenOn(string url) =>
        ListenEndpoint.TryParse(url, out var endpoint, out var error) ? endpoint : throw new InvalidOperationException(error);
}
