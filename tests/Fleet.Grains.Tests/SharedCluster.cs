namespace Fleet.Grains.Tests;

/// <summary>
/// One two-silo cluster shared by the tests of a class. Tests keep apart by giving their nodes and
/// workloads a rootfs of their own (<see cref="Scenario"/>), so no node of another test ever fits.
/// </summary>
public sealed class SharedCluster : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private FleetCluster? _cluster;

    public FleetCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster has not started.");

    public async ValueTask InitializeAsync() =>
        _cluster = await FleetCluster.StartAsync(_directory.Path);

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        _directory.Dispose();
    }
}
