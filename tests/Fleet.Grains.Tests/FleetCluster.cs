using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Fleet.Grains.Tests;

/// <summary>
/// An in-process Orleans cluster running Fleet's grains on the real SQLite storage in
/// <see cref="DataDirectory"/>, with a <see cref="ManualClock"/> for liveness and timestamps.
/// </summary>
public sealed class FleetCluster : IAsyncDisposable
{
    private readonly InProcessTestCluster _cluster;

    private FleetCluster(InProcessTestCluster cluster, string dataDirectory, ManualClock clock)
    {
        _cluster = cluster;
        DataDirectory = dataDirectory;
        Clock = clock;
    }

    public string DataDirectory { get; }

    public ManualClock Clock { get; }

    public IClusterClient Client => _cluster.Client;

    public IGrainFactory Grains => _cluster.Client;

    public InProcessTestCluster Inner => _cluster;

    /// <summary>Starts a cluster over <paramref name="dataDirectory"/>; the caller owns the directory.</summary>
    public static async Task<FleetCluster> StartAsync(
        string dataDirectory,
        short silos = 2,
        ManualClock? clock = null,
        Action<FleetGrainOptions>? configure = null)
    {
        clock ??= new ManualClock();
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddFleetGrains(dataDirectory);
            silo.Services.AddKeyedSingleton<TimeProvider>(FleetClock.Key, clock);
            if (configure is not null)
            {
                silo.Services.Configure(configure);
            }
        });

        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new FleetCluster(cluster, dataDirectory, clock);
    }

    public async ValueTask DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }
}
