namespace Fleet.Jail.Usage;

/// <summary>
/// Reads what one jail's cgroup has used, on cgroup v1 or v2. Takes the cgroup file system's root
/// (<c>/sys/fs/cgroup</c> on a host) so tests point it at fixture trees. A jail's cgroup is
/// <c>&lt;CgroupParent&gt;/&lt;jail id&gt;</c> in each hierarchy (<see cref="JailRuntimeOptions.CgroupParent"/>).
/// An instance reuses its buffers from one read to the next and is not thread-safe: give each
/// sampling thread its own.
/// </summary>
public abstract class CgroupUsageReader
{
    public const string DefaultRoot = "/sys/fs/cgroup";

    private protected CgroupUsageReader(string root)
    {
        Root = root;
    }

    public string Root { get; }

    /// <summary>The cgroup version this reader reads: 1 or 2.</summary>
    public abstract int Version { get; }

    /// <summary>
    /// v2 when <paramref name="root"/> itself is a cgroup2 mount (it has cgroup.controllers), as the
    /// jail runtime decides; otherwise v1 (a hybrid host's controllers are on v1).
    /// </summary>
    public static CgroupUsageReader Detect(string root = DefaultRoot)
    {
        ArgumentNullException.ThrowIfNull(root);
        return File.Exists(Path.Combine(root, "cgroup.controllers")) ? new CgroupV2UsageReader(root) : new CgroupV1UsageReader(root);
    }

    /// <summary>
    /// Fills <paramref name="usage"/> from cgroup <paramref name="path"/> (e.g. <c>fleet/w-1</c>, relative to each
    /// hierarchy). Returns false, with <see cref="CgroupUsage.Fields"/> none, when the cgroup does not exist.
    /// </summary>
    /// <param name="handles">
    /// The cgroup's files kept open from one read to the next (see <see cref="CounterHandles"/>); null to
    /// open and close each file every time. A cgroup found missing resets them, so a later read looks again.
    /// </param>
    /// <param name="counters">All, or only the frequent ones (see <see cref="CgroupCounterSet.Frequent"/>).</param>
    public bool Read(string path, CgroupUsage usage, CounterHandles? handles = null, CgroupCounterSet counters = CgroupCounterSet.All)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(usage);
        var all = counters == CgroupCounterSet.All;
        if (all)
        {
            usage.Clear();
        }
        else
        {
            usage.Fields &= ~FrequentFields;
        }

        ReadInto(path, usage, handles, all);
        if ((usage.Fields & (CgroupUsageFields.Cpu | CgroupUsageFields.Memory)) == CgroupUsageFields.None)
        {
            usage.Fields = CgroupUsageFields.None;
            handles?.Reset();
            return false;
        }

        return true;
    }

    /// <summary>The parts a frequent read refreshes.</summary>
    private const CgroupUsageFields FrequentFields =
        CgroupUsageFields.Cpu | CgroupUsageFields.CpuThrottling | CgroupUsageFields.Memory | CgroupUsageFields.Pids;

    private protected abstract void ReadInto(string path, CgroupUsage usage, CounterHandles? handles, bool all);
}
