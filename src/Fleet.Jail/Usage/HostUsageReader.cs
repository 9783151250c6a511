namespace Fleet.Jail.Usage;

/// <summary>
/// Reads the host's CPU time and memory. Takes the file system root so tests point it at fixtures;
/// reuses its buffers and is not thread-safe.
/// </summary>
public sealed class HostUsageReader(string root = "/")
{
    /// <summary>/proc/stat counts in USER_HZ ticks, 100 per second on every Linux architecture.</summary>
    private const long NanosPerTick = 10_000_000;

    private readonly CounterFiles _files = new();

    /// <summary>False when /proc/stat or /proc/meminfo cannot be read.</summary>
    public bool TryRead(out HostCounters counters)
    {
        counters = default;
        if (!_files.SetDirectory(root, "proc") || !_files.TryRead("stat"u8, out var stat) || !TryParseBusy(stat, out var busyTicks))
        {
            return false;
        }

        var busy = busyTicks * NanosPerTick;
        if (!_files.TryRead("meminfo"u8, out var meminfo) ||
            !TryFindKilobytes(meminfo, "MemTotal:"u8, out var total))
        {
            return false;
        }

        // MemAvailable exists since Linux 3.14; before, MemFree is the nearest.
        if (!TryFindKilobytes(meminfo, "MemAvailable:"u8, out var available))
        {
            TryFindKilobytes(meminfo, "MemFree:"u8, out available);
        }

        counters = new HostCounters(busy, total, available);
        return true;
    }

    /// <summary>"cpu  user nice system idle iowait irq softirq steal guest guest_nice": everything but idle and iowait is busy; guest time is already in user.</summary>
    internal static bool TryParseBusy(ReadOnlySpan<byte> content, out long busyTicks)
    {
        busyTicks = 0;
        if (!CounterText.NextLine(ref content, out var line) || !CounterText.NextWord(ref line, out var label) || !label.SequenceEqual("cpu"u8))
        {
            return false;
        }

        for (var column = 0; column < 8 && CounterText.NextWord(ref line, out var word); column++)
        {
            if (!CounterText.TryParseLong(word, out var ticks))
            {
                return false;
            }

            if (column is not (3 or 4))
            {
                busyTicks += ticks;
            }
        }

        return true;
    }

    /// <summary>A "Key:   N kB" line of /proc/meminfo, in bytes (the kernel's kB are KiB).</summary>
    internal static bool TryFindKilobytes(ReadOnlySpan<byte> content, ReadOnlySpan<byte> key, out long bytes)
    {
        bytes = 0;
        while (CounterText.NextLine(ref content, out var line))
        {
            if (!line.StartsWith(key))
            {
                continue;
            }

            var rest = line[key.Length..];
            if (CounterText.NextWord(ref rest, out var number) && CounterText.TryParseLong(number, out var kib))
            {
                bytes = kib * 1024;
                return true;
            }

            return false;
        }

        return false;
    }
}
