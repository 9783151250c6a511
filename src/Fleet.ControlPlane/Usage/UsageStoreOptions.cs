namespace Fleet.ControlPlane.Usage;

/// <summary>How much usage the control plane keeps in memory; bound from <c>Fleet:Usage</c>.</summary>
internal sealed class UsageStoreOptions
{
    public const string Section = "Fleet:Usage";

    /// <summary>Samples kept per workload and per node, newest replacing oldest. Default 60 (two minutes at the agents' default 2 s heartbeat).</summary>
    public int RecentSamples { get; set; } = 60;

    /// <summary>A latest sample older than this is no longer shown as current (its node went quiet). Default 30 seconds.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the recent samples of a workload that stopped reporting are kept. Default 10 minutes.</summary>
    public TimeSpan RetainEndedFor { get; set; } = TimeSpan.FromMinutes(10);
}
