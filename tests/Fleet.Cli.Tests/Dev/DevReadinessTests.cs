using Fleet.Cli.Api;
using Fleet.Cli.Dev;
using Fleet.Cli.Tests.Fakes;
using Fleet.Contracts.V1;
using Grpc.Health.V1;

namespace Fleet.Cli.Tests.Dev;

/// <summary>DevReadiness against the fake control plane, with no processes: what "ready" means.</summary>
public sealed class DevReadinessTests
{
    [Fact]
    public async Task Ready_when_serving_and_a_node_is_ready()
    {
        await using var server = await FakeControlPlane.StartAsync();
        server.Health.SetStatus("", HealthCheckResponse.Types.ServingStatus.Serving);
        server.Nodes.Stored.Add(new Node { Id = "down", State = NodeState.Down });
        server.Nodes.Stored.Add(new Node { Id = "up", State = NodeState.Ready });

        var outcome = await Wait(server, needNode: true, TimeSpan.FromSeconds(10));

        Assert.Null(outcome.Failure);
        Assert.Equal("up", outcome.Node?.Id);
    }

    [Fact]
    public async Task Serving_is_enough_when_no_node_is_needed_yet()
    {
        await using var server = await FakeControlPlane.StartAsync();
        server.Health.SetStatus("", HealthCheckResponse.Types.ServingStatus.Serving);

        var outcome = await Wait(server, needNode: false, TimeSpan.FromSeconds(10));

        Assert.Null(outcome.Failure);
    }

    [Fact]
    public async Task Not_ready_without_a_ready_node_by_the_deadline()
    {
        await using var server = await FakeControlPlane.StartAsync();
        server.Health.SetStatus("", HealthCheckResponse.Types.ServingStatus.Serving);
        server.Nodes.Stored.Add(new Node { Id = "down", State = NodeState.Down });

        var outcome = await Wait(server, needNode: true, TimeSpan.Zero);

        Assert.Null(outcome.Node);
        Assert.Equal("not ready after 60 s: still waiting for a node to register and be READY", outcome.Failure);
    }

    [Fact]
    public async Task Not_ready_while_the_health_check_says_not_serving()
    {
        await using var server = await FakeControlPlane.StartAsync();
        server.Health.SetStatus("", HealthCheckResponse.Types.ServingStatus.NotServing);

        var outcome = await Wait(server, needNode: false, TimeSpan.Zero);

        Assert.Contains("SERVING (it says NotServing)", outcome.Failure, StringComparison.Ordinal);
    }

    private static async Task<DevReadiness.Outcome> Wait(FakeControlPlane server, bool needNode, TimeSpan within)
    {
        using var connection = new FleetConnection(new Uri(server.Address));
        return await new DevReadiness(connection, TimeProvider.System)
            .WaitAsync([], needNode, DateTimeOffset.UtcNow + within, CancellationToken.None);
    }
}
