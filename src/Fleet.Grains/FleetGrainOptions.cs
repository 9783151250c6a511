namespace Fleet.Grains;

/// <summary>
/// Timing of the control plane's grains. The host binds it from the <c>Fleet</c> configuration
/// section: <c>services.AddOptions&lt;FleetGrainOptions&gt;().Bind(configuration.GetSection("Fleet"))</c>.
/// </summary>
public sealed class FleetGrainOptions
{
    /// <summary>
    /// A node not heard from (register or heartbeat) for this long is down: nothing new is placed
    /// on it. 10 seconds by default; agents heartbeat every 2 seconds by default.
    /// </summary>
    public TimeSpan NodeHeartbeatTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often the workload index asks pending workloads to try placement again while any wait,
    /// besides the retries that node registration and released capacity trigger. 5 seconds by default.
    /// </summary>
    public TimeSpan PendingRetryInterval { get; set; } = TimeSpan.FromSeconds(5);
}
