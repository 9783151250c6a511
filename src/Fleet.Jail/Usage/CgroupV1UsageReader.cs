namespace Fleet.Jail.Usage;

/// <summary>
/// cgroup v1: one directory per hierarchy (<c>root/cpuacct/…</c>, <c>root/cpu/…</c>, <c>root/memory/…</c>,
/// <c>root/pids/…</c>, <c>root/blkio/…</c>); co-mounted hierarchies are reached through their
/// per-controller links. Pressure comes from the twin cgroup under the hybrid host's cgroup2 mount
/// (<c>root/unified/…</c>) when one exists.
/// </summary>
internal sealed class CgroupV1UsageReader(string root) : CgroupUsageReader(root)
{
    private readonly CounterFiles _files = new();

    public override int Version => 1;

    private protected override void ReadInto(string path, CgroupUsage usage, CounterHandles? handles, bool all)
    {
        if (_files.SetDirectory(Root, "cpuacct", path))
        {
            ReadCpuAccounting(usage, handles);
        }

        if (_files.SetDirectory(Root, "cpu", path) && _files.TryRead("cpu.stat"u8, handles, 0, out var cpuStat))
        {
            ReadCpuStat(cpuStat, usage);
        }

        if (_files.SetDirectory(Root, "memory", path) && _files.TryRead("memory.usage_in_bytes"u8, handles, 1, out var current) &&
            CounterText.TryParseSingle(current, out var usageBytes))
        {
            ReadMemory(usage, usageBytes, handles, all);
        }

        if (_files.SetDirectory(Root, "pids", path) && _files.TryRead("pids.current"u8, handles, 2, out var pids) &&
            CounterText.TryParseSingle(pids, out var pidsCurrent))
        {
            usage.PidsCurrent = pidsCurrent;
            if (all && _files.TryRead("pids.events"u8, handles, 3, out var events) && CounterText.TryFind(events, "max"u8, out var hits))
            {
                usage.PidsLimitHits = hits;
            }

            usage.Fields |= CgroupUsageFields.Pids;
        }

        if (!all)
        {
            return;
        }

        if (_files.SetDirectory(Root, "blkio", path))
        {
            ReadBlkio(usage, handles);
        }

        if (_files.SetDirectory(Root, "unified", path))
        {
            CgroupPressure.Read(_files, usage, handles);
        }
    }

    private void ReadCpuAccounting(CgroupUsage usage, CounterHandles? handles)
    {
        // cpuacct.usage is the scheduler's exact runtime in nanoseconds. The user/system split
        // (cpuacct.stat, usage_user, usage_sys) comes from tick sampling, so it is applied as a
        // ratio to the exact total: user + system = total, as on v2.
        if (!_files.TryRead("cpuacct.usage"u8, handles, 4, out var total) || !CounterText.TryParseSingle(total, out var totalNanos))
        {
            return;
        }

        usage.CpuUsageNanos = totalNanos;
        usage.Fields |= CgroupUsageFields.Cpu;
        if (_files.TryRead("cpuacct.stat"u8, handles, 5, out var stat) &&
            CounterText.TryFind(stat, "user"u8, out var userTicks) &&
            CounterText.TryFind(stat, "system"u8, out var systemTicks) &&
            userTicks + systemTicks > 0)
        {
            usage.CpuUserNanos = (long)(totalNanos * ((double)userTicks / (userTicks + systemTicks)));
            usage.CpuSystemNanos = totalNanos - usage.CpuUserNanos;
        }
    }

    private static void ReadCpuStat(ReadOnlySpan<byte> content, CgroupUsage usage)
    {
        while (CounterText.NextLine(ref content, out var line))
        {
            if (!CounterText.NextWord(ref line, out var key) || !CounterText.NextWord(ref line, out var text) ||
                !CounterText.TryParseLong(text, out var value))
            {
                continue;
            }

            if (key.SequenceEqual("nr_periods"u8))
            {
                usage.CpuPeriods = value;
                usage.Fields |= CgroupUsageFields.CpuThrottling;
            }
            else if (key.SequenceEqual("nr_throttled"u8))
            {
                usage.CpuThrottledPeriods = value;
            }
            else if (key.SequenceEqual("throttled_time"u8))
            {
                usage.CpuThrottledNanos = value;
            }
        }
    }

    private void ReadMemory(CgroupUsage usage, long usageBytes, CounterHandles? handles, bool all)
    {
        usage.MemoryUsageBytes = usageBytes;
        usage.MemoryWorkingSetBytes = usageBytes;
        usage.Fields |= CgroupUsageFields.Memory;
        if (_files.TryRead("memory.stat"u8, handles, 6, out var stat))
        {
            // The total_* lines include descendants, as usage_in_bytes does (a jail's cgroup has none today).
            var inactiveFile = 0L;
            var hasSwap = false;
            while (CounterText.NextLine(ref stat, out var line))
            {
                if (!CounterText.NextWord(ref line, out var key) || !key.StartsWith("total_"u8) ||
                    !CounterText.NextWord(ref line, out var text) || !CounterText.TryParseLong(text, out var value))
                {
                    continue;
                }

                key = key["total_".Length..];
                if (key.SequenceEqual("rss"u8))
                {
                    usage.MemoryRssBytes = value;
                }
                else if (key.SequenceEqual("cache"u8))
                {
                    usage.MemoryCacheBytes = value;
                }
                else if (key.SequenceEqual("inactive_file"u8))
                {
                    inactiveFile = value;
                }
                else if (key.SequenceEqual("swap"u8))
                {
                    // Only written when the kernel accounts swap.
                    usage.MemorySwapBytes = value;
                    hasSwap = true;
                }
            }

            usage.MemoryWorkingSetBytes = Math.Max(0, usageBytes - inactiveFile);
            if (hasSwap)
            {
                usage.Fields |= CgroupUsageFields.MemorySwap;
            }
        }

        if (!all)
        {
            return;
        }

        if (_files.TryRead("memory.max_usage_in_bytes"u8, handles, 7, out var peak) && CounterText.TryParseSingle(peak, out var peakBytes))
        {
            usage.MemoryPeakBytes = peakBytes;
            usage.Fields |= CgroupUsageFields.MemoryPeak;
        }

        if (_files.TryRead("memory.oom_control"u8, handles, 8, out var oom) && CounterText.TryFind(oom, "oom_kill"u8, out var kills))
        {
            usage.OomKills = kills;
            usage.Fields |= CgroupUsageFields.OomKills;
        }
    }

    /// <summary>
    /// "MAJ:MIN Read N" / "MAJ:MIN Write N" lines per device (and Sync, Async, Discard, Total,
    /// which are other views of the same I/O), summed over devices. The throttle files count every
    /// bio whatever the I/O scheduler, where the CFQ/BFQ ones count only what that scheduler saw.
    /// </summary>
    private void ReadBlkio(CgroupUsage usage, CounterHandles? handles)
    {
        if (!_files.TryRead("blkio.throttle.io_service_bytes"u8, handles, 9, out var bytes))
        {
            return;
        }

        SumReadWrite(bytes, out var readBytes, out var writeBytes);
        usage.IoReadBytes = readBytes;
        usage.IoWriteBytes = writeBytes;
        if (_files.TryRead("blkio.throttle.io_serviced"u8, handles, 10, out var ops))
        {
            SumReadWrite(ops, out var readOps, out var writeOps);
            usage.IoReadOps = readOps;
            usage.IoWriteOps = writeOps;
        }

        usage.Fields |= CgroupUsageFields.Io;
    }

    private static void SumReadWrite(ReadOnlySpan<byte> content, out long read, out long write)
    {
        read = write = 0;
        while (CounterText.NextLine(ref content, out var line))
        {
            // The closing "Total N" line has two words; device lines have three.
            if (!CounterText.NextWord(ref line, out _) || !CounterText.NextWord(ref line, out var operation) ||
                !CounterText.NextWord(ref line, out var text) || !CounterText.TryParseLong(text, out var value))
            {
                continue;
            }

            if (operation.SequenceEqual("Read"u8))
            {
                read += value;
            }
            else if (operation.SequenceEqual("Write"u8))
            {
                write += value;
            }
        }
    }
}
