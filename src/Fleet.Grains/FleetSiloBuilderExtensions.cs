using Fleet.Grains.Storage;
using Fleet.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Orleans.Runtime.Hosting;

namespace Fleet.Grains;

/// <summary>Adds Fleet's grains and what they need to a silo.</summary>
public static class FleetSiloBuilderExtensions
{
    /// <summary>
    /// Registers the durable SQLite grain storage (<see cref="FleetStorage.Name"/>, file
    /// <c>&lt;dataDirectory&gt;/fleet.db</c>, created on first use), the placement policy,
    /// <see cref="FleetGrainOptions"/> (defaults; the host binds the <c>Fleet</c> section),
    /// the grains' clock (<see cref="FleetClock"/>) and the control plane's metrics.
    /// </summary>
    public static ISiloBuilder AddFleetGrains(this ISiloBuilder silo, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);

        var databasePath = Path.Combine(Path.GetFullPath(dataDirectory), FleetStorage.DatabaseFileName);
        var services = silo.Services;
        services.AddGrainStorage(FleetStorage.Name, (sp, _) =>
            new SqliteGrainStorage(databasePath, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SqliteGrainStorage>>()));

        services.AddOptions<FleetGrainOptions>()
            .Validate(o => o.NodeHeartbeatTimeout > TimeSpan.Zero, "Fleet:NodeHeartbeatTimeout must be positive")
            .Validate(o => o.PendingRetryInterval > TimeSpan.Zero, "Fleet:PendingRetryInterval must be positive")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddKeyedSingleton<TimeProvider>(FleetClock.Key, (sp, _) => sp.GetRequiredService<TimeProvider>());
        services.TryAddSingleton<IPlacementPolicy, FirstFitPlacementPolicy>();
        services.AddMetrics();
        services.TryAddSingleton<FleetMetrics>();
        return silo;
    }
}
