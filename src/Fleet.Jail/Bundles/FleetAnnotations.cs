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

    /// <summary>"true": the init writes how long each of its steps took to the bundle's init-trace file (for benchmarks).</summary>
    public const string InitTrace = "org.fleet.init.trace";

    /// <summary>
    /// The bundle file holding linux.seccomp compiled to BPF by whoever wrote the bundle; the init
    /// only loads it (and refuses a linux.seccomp without it).
    /// </summary>
    public const string SeccompProgram = "org.fleet.seccomp.program";
}
