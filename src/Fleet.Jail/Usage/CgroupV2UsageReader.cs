namespace Fleet.Jail.Usage;

/// <summary>cgroup v2: every file in the cgroup's one directory of the unified tree.</summary>
internal sealed class CgroupV2UsageReader(string root) : CgroupUsageReader(root)
{
    private readonly CounterFiles _files = new();

    public override int Version => 2;

    private protected override void ReadInto(string path, CgroupUsage usage, CounterHandles? handles, bool all)
    {
        if (!_files.SetDirectory(Root, path))
        {
            return;
        }

        // Present in every cgroup, even without the cpu controller (then without the nr_* lines).
        if (_files.TryRead("cpu.stat"u8, handles, 0, out var cpuStat))
        {
            ReadCpuStat(cpuStat, usage);
        }

        if (_files.TryRead("memory.current"u8, handles, 1, out var current) && CounterText.TryParseSingle(current, out var usageBytes))
        {
            ReadMemory(usage, usageBytes, handles, all);
        }

        if (_files.TryRead("pids.current"u8, handles, 2, out var pids) && CounterText.TryParseSingle(pids, out var pidsCurrent))
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

        if (_files.TryRead("io.stat"u8, handles, 4, out var io))
        {
            ReadIoStat(io, usage);
        }

        CgroupPressure.Read(_files, usage, handles);
    }

    private static void ReadCpuStat(ReadOnlySpan<byte> content, CgroupUsage usage)
    {
        var fields = CgroupUsageFields.None;
        while (CounterText.NextLine(ref content, out var line))
        {
            if (!CounterText.NextWord(ref line, out var key) || !CounterText.NextWord(ref line, out var text) ||
                !CounterText.TryParseLong(text, out var value))
            {
                continue;
            }

            if (key.SequenceEqual("usage_usec"u8))
            {
                usage.CpuUsageNanos = value * 1000;
                fields |= CgroupUsageFields.Cpu;
            }
            else if (key.SequenceEqual("user_usec"u8))
            {
                usage.CpuUserNanos = value * 1000;
            }
            else if (key.SequenceEqual("system_usec"u8))
            {
                usage.CpuSystemNanos = value * 1000;
            }
            else if (key.SequenceEqual("nr_periods"u8))
            {
                usage.CpuPeriods = value;
                fields |= CgroupUsageFields.CpuThrottling;
            }
            else if (key.SequenceEqual("nr_throttled"u8))
            {
                usage.CpuThrottledPeriods = value;
            }
            else if (key.SequenceEqual("throttled_usec"u8))
            {
                usage.CpuThrottledNanos = value * 1000;
            }
        }

        usage.Fields |= fields;
    }

    private void ReadMemory(CgroupUsage usage, long usageBytes, CounterHandles? handles, bool all)
    {
        usage.MemoryUsageBytes = usageBytes;
        usage.MemoryWorkingSetBytes = usageBytes;
        usage.Fields |= CgroupUsageFields.Memory;
        if (_files.TryRead("memory.stat"u8, handles, 5, out var stat))
        {
            var inactiveFile = 0L;
            while (CounterText.NextLine(ref stat, out var line))
            {
                if (!CounterText.NextWord(ref line, out var key) || !CounterText.NextWord(ref line, out var text) ||
                    !CounterText.TryParseLong(text, out var value))
                {
                    continue;
                }

                if (key.SequenceEqual("anon"u8))
                {
                    usage.MemoryRssBytes = value;
                }
                else if (key.SequenceEqual("file"u8))
                {
                    usage.MemoryCacheBytes = value;
                }
                else if (key.SequenceEqual("inactive_file"u8))
                {
                    inactiveFile = value;
                }
            }

            usage.MemoryWorkingSetBytes = Math.Max(0, usageBytes - inactiveFile);
        }

        if (!all)
        {
            return;
        }

        // memory.peak arrived in Linux 5.19; older kernels leave the peak to the sampler.
        if (_files.TryRead("memory.peak"u8, handles, 6, out var peak) && CounterText.TryParseSingle(peak, out var peakBytes))
        {
            usage.MemoryPeakBytes = peakBytes;
            usage.Fields |= CgroupUsageFields.MemoryPeak;
        }

        if (_files.TryRead("memory.swap.current"u8, handles, 7, out var swap) && CounterText.TryParseSingle(swap, out var swapBytes))
        {
            usage.MemorySwapBytes = swapBytes;
            usage.Fields |= CgroupUsageFields.MemorySwap;
        }

        if (_files.TryRead("memory.events"u8, handles, 8, out var events) && CounterText.TryFind(events, "oom_kill"u8, out var kills))
        {
            usage.OomKills = kills;
            usage.Fields |= CgroupUsageFields.OomKills;
        }
    }

    /// <summary>"MAJ:MIN rbytes=… wbytes=… rios=… wios=… dbytes=… dios=…", one line per device, summed.</summary>
    private static void ReadIoStat(ReadOnlySpan<byte> content, CgroupUsage usage)
    {
        while (CounterText.NextLine(ref content, out var line))
        {
            if (!CounterText.NextWord(ref line, out _))
            {
                continue;
            }

            while (CounterText.NextWord(ref line, out var pair))
            {
                var equals = pair.IndexOf((byte)'=');
                if (equals < 0 || !CounterText.TryParseLong(pair[(equals + 1)..], out var value))
                {
                    continue;
                }

                var name = pair[..equals];
                if (name.SequenceEqual("rbytes"u8))
                {
                    usage.IoReadBytes += value;
                }
                else if (name.SequenceEqual("wbytes"u8))
                {
                    usage.IoWriteBytes += value;
                }
                else if (name.SequenceEqual("rios"u8))
                {
                    usage.IoReadOps += value;
                }
                else if (name.SequenceEqual("wios"u8))
                {
                    usage.IoWriteOps += value;
                }
            }
        }

        usage.Fields |= CgroupUsageFields.Io;
    }
}
