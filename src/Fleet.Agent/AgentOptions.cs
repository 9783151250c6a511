namespace Fleet.Agent;

/// <summary>
/// The agent's configuration, bound from the <c>Agent</c> section (<c>--Agent:Key=value</c> or
/// <c>Agent__Key</c> environment variables).
/// </summary>
internal sealed class AgentOptions
{
    public const string Section = "Agent";

    /// <summary>The node's id in the cluster. Default: this host's name, in lower case.</summary>
    public string NodeId { get; set; } = Environment.MachineName.ToLowerInvariant();

    /// <summary>The control plane's gRPC endpoint. Default <c>http://127.0.0.1:7400</c>.</summary>
    public string ControlPlane { get; set; } = "http://127.0.0.1:7400";

    /// <summary>
    /// Where the agent serves <c>fleet.v1.Agent</c> (HTTP/2 only); registered with the control plane
    /// as the node's address, host:port. Default <c>http://127.0.0.1:7410</c>.
    /// </summary>
    public string GrpcUrl { get; set; } = "http://127.0.0.1:7410";

    /// <summary>Where the agent serves <c>/metrics</c> and <c>/healthz</c> (HTTP/1). Default <c>http://127.0.0.1:7411</c>.</summary>
    public string HttpUrl { get; set; } = "http://127.0.0.1:7411";

    /// <summary>Workload records (<c>workloads/&lt;id&gt;</c>), logs (<c>logs/&lt;id&gt;</c>) and jail state. Default <c>/var/lib/fleet/agent</c>.</summary>
    public string StateDirectory { get; set; } = "/var/lib/fleet/agent";

    /// <summary>Root file systems: the one named N lives in <c>&lt;dir&gt;/N</c>. Default <c>/var/lib/fleet/rootfs</c>.</summary>
    public string RootfsDirectory { get; set; } = "/var/lib/fleet/rootfs";

    /// <summary>The static busybox the <c>busybox</c> rootfs is built from at start-up when missing. Default <c>/bin/busybox</c>.</summary>
    public string BusyboxPath { get; set; } = "/bin/busybox";

    /// <summary>
    /// The cgroup every jail's cgroup is created under, in each hierarchy: <c>&lt;parent&gt;/&lt;workload id&gt;</c>.
    /// Default <c>fleet</c>. Agents sharing a host may share it: workload ids are unique.
    /// </summary>
    public string CgroupParent { get; set; } = "fleet";

    /// <summary>The NativeAOT helper that sets up each jail. Default: <c>fleet-jail-init</c> next to the agent binary.</summary>
    public string JailInitPath { get; set; } = Path.Combine(AppContext.BaseDirectory, "fleet-jail-init");

    /// <summary>How often the agent heartbeats when nothing changes. Default 2 seconds.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>CPU capacity offered, in thousandths of a core. Default: read from the host (cores, or the cgroup's CPU quota).</summary>
    public long? CpuMillis { get; set; }

    /// <summary>Memory capacity offered, in bytes. Default: read from the host (MemTotal, or the cgroup's memory limit if lower).</summary>
    public long? MemoryBytes { get; set; }

    /// <summary>How often every running workload's usage is sampled (cgroup counters, network). Default 1 second.</summary>
    public TimeSpan UsageInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>CPU kept back for the system (the agent, the kernel), in thousandths of a core: allocatable = capacity - this. Default 0.</summary>
    public long ReservedCpuMillis { get; set; }

    /// <summary>Memory kept back for the system, in bytes: allocatable = capacity - this. Default 0.</summary>
    public long ReservedMemoryBytes { get; set; }

    /// <summary>How long a stopped workload gets between SIGTERM and SIGKILL. Default 10 seconds.</summary>
    public TimeSpan StopGracePeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Directory of one workload's durable record.</summary>
    internal string WorkloadsDirectory => Path.Combine(StateDirectory, "workloads");

    /// <summary>Directory of every workload's stdout and stderr.</summary>
    internal string LogsDirectory => Path.Combine(StateDirectory, "logs");
}
