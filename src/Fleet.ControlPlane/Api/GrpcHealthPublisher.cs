using Grpc.Health.V1;
using Grpc.HealthCheck;
using Proto = Fleet.Contracts.V1;

namespace Fleet.ControlPlane.Api;

/// <summary>
/// Drives the gRPC health service (grpc.health.v1): NOT_SERVING until the host, and with it the
/// silo, has started; SERVING after; NOT_SERVING again as soon as the host begins to stop, so
/// that clients and load balancers move away before calls start failing.
/// </summary>
internal sealed class GrpcHealthPublisher(HealthServiceImpl health, IHostApplicationLifetime lifetime) : IHostedService
{
    /// <summary>The overall status ("") and one per Fleet service.</summary>
    public static readonly IReadOnlyList<string> Services =
    [
        "",
        Proto.Workloads.Descriptor.FullName,
        Proto.Nodes.Descriptor.FullName,
        Proto.AgentControl.Descriptor.FullName,
    ];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Publish(HealthCheckResponse.Types.ServingStatus.NotServing);
        lifetime.ApplicationStarted.Register(() => Publish(HealthCheckResponse.Types.ServingStatus.Serving));
        lifetime.ApplicationStopping.Register(() => Publish(HealthCheckResponse.Types.ServingStatus.NotServing));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Publish(HealthCheckResponse.Types.ServingStatus status)
    {
        foreach (var service in Services)
        {
            health.SetStatus(service, status);
        }
    }
}
