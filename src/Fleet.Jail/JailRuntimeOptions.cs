namespace Fleet.Jail;

/// <summary>Settings of <see cref="JailRuntime"/>.</summary>
public sealed class JailRuntimeOptions
{
    /// <summary>
    /// Holds one directory per jail (its OCI bundle, overlay upper/work dirs and state file).
    /// Defaults to <c>/var/lib/fleet/agent/jails</c>; the agent uses <c>&lt;Agent:StateDirectory&gt;/jails</c>.
    /// </summary>
    public string StateDirectory { get; set; } = "/var/lib/fleet/agent/jails";

    /// <summary>The NativeAOT <c>fleet-jail-init</c> binary. Defaults to <c>fleet-jail-init</c> beside the running program.</summary>
    public string InitPath { get; set; } = Path.Combine(AppContext.BaseDirectory, "fleet-jail-init");

    /// <summary>Every jail's cgroup is <c>&lt;CgroupParent&gt;/&lt;jail id&gt;</c> in each hierarchy. Defaults to <c>fleet</c>.</summary>
    public string CgroupParent { get; set; } = "fleet";

    /// <summary>How often a recovered jail (not this process's child) is checked for its end. Defaults to 500 ms.</summary>
    public TimeSpan RecoveredPollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long removing a jail's cgroup waits for its exiting tasks to leave it. Defaults to 2 s.</summary>
    public TimeSpan CgroupDrainTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// When true, each jail's init writes how long each of its steps took (microseconds) to
    /// <c>init-trace</c> in the jail's bundle directory, for benchmarks. Defaults to false.
    /// </summary>
    public bool TraceInitSteps { get; set; }
}
