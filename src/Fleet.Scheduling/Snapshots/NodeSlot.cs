namespace Fleet.Scheduling.Snapshots;

/// <summary>
/// What the filter and score loop reads about one node, precomputed when the node enters a snapshot
/// so that the loop does no arithmetic on records, no dictionary lookups and no allocation.
/// </summary>
internal readonly struct NodeSlot
{
    public const byte ReadyFlag = 1;
    public const byte CordonedFlag = 2;
    public const byte RootfsOverflowFlag = 4;
    public const byte HostPortsFlag = 8;

    public NodeSlot(ClusterNode node, ulong rootfsMask, bool rootfsOverflow)
    {
        Node = node;
        CapacityCpu = node.Capacity.CpuMillis;
        CapacityMemory = node.Capacity.MemoryBytes;
        var free = node.Free;
        FreeCpu = free.CpuMillis;
        FreeMemory = free.MemoryBytes;
        FreePids = node.Capacity.Pids == 0 ? long.MaxValue : free.Pids;
        RootfsMask = rootfsMask;
        Flags = (byte)((node.Ready ? ReadyFlag : 0)
            | (node.Cordoned ? CordonedFlag : 0)
            | (rootfsOverflow ? RootfsOverflowFlag : 0)
            | (node.HostPorts.IsDefaultOrEmpty ? 0 : HostPortsFlag));
    }

    public ClusterNode Node { get; }

    public long CapacityCpu { get; }

    public long CapacityMemory { get; }

    public long FreeCpu { get; }

    public long FreeMemory { get; }

    /// <summary>long.MaxValue when the node does not account for pids.</summary>
    public long FreePids { get; }

    /// <summary>Bit i set when the node offers the rootfs interned as i (i &lt; 64).</summary>
    public ulong RootfsMask { get; }

    public byte Flags { get; }
}
