namespace Fleet.Domain;

/// <summary>What a user asks Fleet to run.</summary>
/// <param name="Name">A DNS label; also the jail's host name.</param>
/// <param name="Command">The program and its arguments.</param>
/// <param name="Resources">The memory and CPU it is guaranteed and limited to.</param>
/// <param name="Rootfs">The name of the root file system it runs on.</param>
/// <param name="Environment">Environment variables for the program.</param>
public sealed record WorkloadDefinition(
    string Name,
    IReadOnlyList<string> Command,
    ResourceRequest Resources,
    string Rootfs,
    IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>The rootfs a workload gets when it names none: the project's own busybox tree.</summary>
    public const string DefaultRootfs = "busybox";
}
