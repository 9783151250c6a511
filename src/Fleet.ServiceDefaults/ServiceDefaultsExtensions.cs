using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Serilog;
using Serilog.Formatting.Compact;

namespace Fleet.ServiceDefaults;

/// <summary>
/// Logging, tracing, metrics and health for every Fleet host, set up in one place so that the
/// control plane and the agent look the same to an operator.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Activity sources and meters of Fleet's own code; hosts add theirs under this prefix.</summary>
    public const string TelemetryPrefix = "Fleet";

    /// <summary>
    /// Serilog to the console (plain text, or compact JSON when <c>Logging:Json</c> is true) and,
    /// when <c>Logging:File</c> names a path, to that file as compact JSON; OpenTelemetry traces
    /// and metrics for ASP.NET Core, gRPC clients, HttpClient, the .NET runtime, Orleans and
    /// Fleet, scraped by Prometheus at /metrics, and exported over OTLP when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (logs too).
    /// </summary>
    public static TBuilder AddFleetServiceDefaults<TBuilder>(this TBuilder builder, string serviceName)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var otlpEndpoint = configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];

        builder.Services.AddSerilog((services, logger) =>
        {
            logger.ReadFrom.Configuration(configuration)
                .Enrich.FromLogContext()
                .Enrich.WithProperty("service", serviceName)
                .MinimumLevel.Override("Microsoft.AspNetCore", Serilog.Events.LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.Hosting.Lifetime", Serilog.Events.LogEventLevel.Information)
                .MinimumLevel.Override("Orleans", Serilog.Events.LogEventLevel.Warning)
                .MinimumLevel.Override("Grpc", Serilog.Events.LogEventLevel.Warning)
                .MinimumLevel.Override("System.Net.Http", Serilog.Events.LogEventLevel.Warning);

            if (configuration.GetValue("Logging:Json", false))
            {
                logger.WriteTo.Console(new CompactJsonFormatter());
            }
            else
            {
                logger.WriteTo.Console(outputTemplate: "{Timestamp:HH:mm:ss.fff} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}");
            }

            if (configuration["Logging:File"] is { Length: > 0 } file)
            {
                logger.WriteTo.File(new CompactJsonFormatter(), file, fileSizeLimitBytes: 64L << 20, rollOnFileSizeLimit: true, retainedFileCountLimit: 4);
            }

            if (!string.IsNullOrEmpty(otlpEndpoint))
            {
                logger.WriteTo.OpenTelemetry(options =>
                {
                    options.Endpoint = otlpEndpoint;
                    options.ResourceAttributes["service.name"] = serviceName;
                });
            }
        });

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing => tracing
                .AddSource($"{TelemetryPrefix}.*", "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                .AddAspNetCoreInstrumentation(options => options.Filter = context =>
                    !context.Request.Path.StartsWithSegments("/metrics", StringComparison.Ordinal) &&
                    !context.Request.Path.StartsWithSegments("/healthz", StringComparison.Ordinal))
                .AddGrpcClientInstrumentation()
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter($"{TelemetryPrefix}.*", "Microsoft.Orleans")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());

        if (!string.IsNullOrEmpty(otlpEndpoint))
        {
            telemetry.UseOtlpExporter();
        }

        builder.Services.AddHealthChecks();
        return builder;
    }

    /// <summary>Maps the Prometheus scrape endpoint (/metrics) and a liveness probe (/healthz).</summary>
    public static IEndpointRouteBuilder MapFleetDefaultEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint("/metrics");
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions());
        return endpoints;
    }
}
