namespace Fleet.Grains;

/// <summary>
/// The clock Fleet's grains use for liveness, timestamps and long-poll waits: a keyed
/// <see cref="TimeProvider"/> service, by default the host's own. It is keyed so that tests can
/// give the grains a fake clock without also stopping the clock Orleans itself runs on.
/// </summary>
public static class FleetClock
{
    /// <summary>The service key: <c>services.AddKeyedSingleton&lt;TimeProvider&gt;(FleetClock.Key, fake)</c>.</summary>
    public const string Key = "fleet";
}
