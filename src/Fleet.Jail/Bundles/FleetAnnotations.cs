namespace Fleet.Jail.Bundles;

/// <summary>Annotation keys for what the OCI spec leaves to the runtime.</summary>
internal static class FleetAnnotations
{
    /// <summary>The read-only host directory that is the overlay's lower layer.</summary>
    public const string RootfsLower = "org.fleet.rootfs.lower";

    /// <summary>Host file the workload's stdout is appended to.</summary>
    public const string StdoutPath = "org.fleet.log.stdout";

    /// <summary>Host file the workload's stderr is appended to.</summary>
    public const string StderrPath = "org.fleet.log.stderr";
}
