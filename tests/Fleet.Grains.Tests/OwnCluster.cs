namespace Fleet.Grains.Tests;

/// <summary>
/// A one-silo cluster for the tests of one class alone, for tests that count everything in their
/// cluster (every event, every listed workload) and so cannot share one.
/// </summary>
public abstract class OwnCluster : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private FleetCluster? _cluster;

    private protected FleetCluster Cluster => _cluster ?? throw new InvalidOperationException("the cluster did not start");

    private protected Scenario S { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _cluster = await FleetCluster.StartAsync(_directory.Path, silos: 1);
        S = new Scenario(_cluster.Grains);
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        _directory.Dispose();
        GC.SuppressFinalize(this);
    }
}
