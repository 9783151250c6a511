using Fleet.Domain;

namespace Fleet.Scheduling;

/// <summary>What a workload needs from a node.</summary>
/// <param name="Resources">The CPU and memory it reserves.</param>
/// <param name="Rootfs">The name of the root file system it runs on; the node must offer it.</param>
public sealed record PlacementRequest(ResourceRequest Resources, string Rootfs);
