namespace Fleet.EndToEnd.Tests;

/// <summary>One control plane and one agent, shared by the tests of a class.</summary>
public sealed class SingleNodeFixture : IAsyncLifetime
{
    private FleetCluster? _cluster;

    internal FleetCluster Cluster => _cluster ?? throw new InvalidOperationException("the cluster did not start");

    public async ValueTask InitializeAsync() => _cluster = await FleetCluster.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
