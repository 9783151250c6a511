using Fleet.Agent.Capacity;
using Fleet.Agent.Connection;
using Fleet.Agent.Logs;
using Fleet.Agent.Rootfs;
using Fleet.Agent.Telemetry;
using Fleet.Agent.Usage;
using Fleet.Agent.Workloads;
using Fleet.Contracts.V1;
using Grpc.Net.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Fleet.Agent.Hosting;

/// <summary>
/// Everything the agent is made of except the jail runtime and the rootfs builders, which the
/// host adds (<see cref="Fleet.Jail.IJailRuntime"/>, <see cref="IRootfsBuilder"/>): tests swap those.
/// </summary>
internal static class AgentServiceCollectionExtensions
{
    public static IServiceCollection AddFleetAgent(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AgentOptions>().Bind(configuration.GetSection(AgentOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AgentOptions>, AgentOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();

        services.AddSingleton<AgentMetrics>();
        services.AddSingleton<WorkloadChangeSignal>();
        services.AddSingleton<WorkloadRecordStore>();
        services.AddSingleton<WorkloadLogStore>();
        services.AddSingleton<RootfsCatalog>();
        services.AddSingleton<WorkloadReconciler>();

        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<AgentOptions>>().Value;
            var capacity = HostCapacity.Read(options, "/", Environment.ProcessorCount);
            return new NodeDescription(options.NodeId, NodeDescription.AddressOf(options.GrpcUrl), capacity);
        });

        // The channel is a singleton of its own so that the container disposes it at shutdown.
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<AgentOptions>>().Value;
            return GrpcChannel.ForAddress(options.ControlPlane, new GrpcChannelOptions
            {
                HttpHandler = new SocketsHttpHandler
                {
                    // The assignment stream is idle for long stretches; pings find a dead control plane
                    // (or a dropped connection) that TCP alone would not notice for minutes.
                    KeepAlivePingDelay = TimeSpan.FromSeconds(10),
                    KeepAlivePingTimeout = TimeSpan.FromSeconds(5),
                    KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
                    EnableMultipleHttp2Connections = true,
                },
            });
        });
        services.AddSingleton(provider => new AgentControl.AgentControlClient(provider.GetRequiredService<GrpcChannel>()));

        // Usage: read from the host's cgroup file system and /proc; the instruments read the sampler's latest round.
        services.TryAddSingleton(_ => new UsageSources());
        services.AddSingleton<WorkloadUsageSampler>();
        services.AddSingleton<UsageMetrics>();
        services.AddHostedService(provider =>
        {
            provider.GetRequiredService<UsageMetrics>();
            return provider.GetRequiredService<WorkloadUsageSampler>();
        });

        services.AddHostedService<ControlPlaneConnection>();
        return services;
    }
}
