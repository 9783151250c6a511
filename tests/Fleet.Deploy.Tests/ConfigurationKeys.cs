namespace Fleet.Deploy.Tests;

/// <summary>
/// The configuration contract shared by the control plane, the agent and deploy/ (the team's
/// common brief; deploy/README.md documents the same table for operators).
/// </summary>
internal static class ConfigurationKeys
{
    public const string ControlPlane = "controlplane";
    public const string Agent = "agent";

    public static IReadOnlyList<ConfigurationKey> All { get; } =
    [
        new(ControlPlane, "Fleet:DataDirectory", "/var/lib/fleet/controlplane"),
        new(ControlPlane, "Fleet:GrpcUrl", "http://127.0.0.1:7400", Listens: true),
        new(ControlPlane, "Fleet:HttpUrl", "http://127.0.0.1:7401", Listens: true),
        new(ControlPlane, "Orleans:SiloPort", "11111"),
        new(ControlPlane, "Orleans:GatewayPort", "30000"),
        new(ControlPlane, "Fleet:NodeHeartbeatTimeout", "00:00:10"),
        new(Agent, "Agent:NodeId", "the host name"),
        new(Agent, "Agent:ControlPlane", "http://127.0.0.1:7400"),
        new(Agent, "Agent:GrpcUrl", "http://127.0.0.1:7410", Listens: true),
        new(Agent, "Agent:HttpUrl", "http://127.0.0.1:7411", Listens: true),
        new(Agent, "Agent:StateDirectory", "/var/lib/fleet/agent"),
        new(Agent, "Agent:RootfsDirectory", "/var/lib/fleet/rootfs"),
        new(Agent, "Agent:BusyboxPath", "/bin/busybox"),
        new(Agent, "Agent:JailInitPath", "fleet-jail-init beside the agent binary"),
        new(Agent, "Agent:CgroupParent", "fleet"),
        new(Agent, "Agent:HeartbeatInterval", "00:00:02"),
        new(Agent, "Agent:CpuMillis", "read from the host"),
        new(Agent, "Agent:MemoryBytes", "read from the host"),
        new(Agent, "Agent:StopGracePeriod", "00:00:10"),
        new("*", "Logging:Json", "false"),
        new("*", "Logging:File", "none"),
        new("*", "OTEL_EXPORTER_OTLP_ENDPOINT", "none"),
        new("*", "ASPNETCORE_HTTP_PORTS", "8080 in the base image; empty in Fleet's images"),
    ];

    /// <summary>The configuration key an environment variable sets (<c>__</c> separates sections).</summary>
    public static string FromEnvironmentVariable(string name) => name.Replace("__", ":", StringComparison.Ordinal);

    /// <summary>The key as <paramref name="owner"/> reads it, or null when that process has no such key.</summary>
    public static ConfigurationKey? Find(string owner, string key) =>
        All.FirstOrDefault(known => (known.Owner == owner || known.Owner == "*") &&
            string.Equals(known.Key, key, StringComparison.OrdinalIgnoreCase));

    public static IEnumerable<ConfigurationKey> ListenUrls(string owner) =>
        All.Where(known => known.Owner == owner && known.Listens);
}
