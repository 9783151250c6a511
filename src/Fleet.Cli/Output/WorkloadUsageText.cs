using System.Globalization;
using Fleet.Contracts.V1;

namespace Fleet.Cli.Output;

/// <summary>The usage part of <c>fleet get</c>: the latest sample while the workload runs, its final accounting once it has ended; nothing when there is neither.</summary>
internal static class WorkloadUsageText
{
    private const int LabelWidth = 16;

    public static void Write(WorkloadUsageReport report, DateTimeOffset now, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        if (report.Latest is { } latest)
        {
            writer.WriteLine($"Usage:          (sampled {Age.Since(latest.At, now)} ago)");
            WriteLatest(latest, writer);
        }

        if (report.Final is { } final)
        {
            writer.WriteLine($"Final usage:    (read {Timestamp(final.At)}, at its end)");
            WriteFinal(final, writer);
        }
    }

    private static void WriteLatest(WorkloadUsage usage, TextWriter writer)
    {
        if (usage.Cpu is { } cpu)
        {
            var limit = cpu.LimitMillis > 0 ? $" of {UsageText.Cores(cpu.LimitMillis / 1000.0)} allowed" : "";
            Field(writer, "  CPU", $"{UsageText.Cores(cpu.Cores)} cores{limit}; {UsageText.CpuTime(cpu.UsageNanos)} in all (user {UsageText.CpuTime(cpu.UserNanos)}, system {UsageText.CpuTime(cpu.SystemNanos)})");
            Field(writer, "  Throttled", $"{UsageText.Count(cpu.ThrottledPeriods)} of {UsageText.Count(cpu.Periods)} periods, {UsageText.CpuTime(cpu.ThrottledNanos)}");
        }

        if (usage.Memory is { } memory)
        {
            var limit = memory.LimitBytes > 0 ? $" of {UsageText.Bytes(memory.LimitBytes)} ({UsageText.Percent(memory.WorkingSetBytes, memory.LimitBytes)})" : "";
            Field(writer, "  Memory", $"{UsageText.Bytes(memory.WorkingSetBytes)} working set{limit}; usage {UsageText.Bytes(memory.UsageBytes)}, rss {UsageText.Bytes(memory.RssBytes)}, cache {UsageText.Bytes(memory.CacheBytes)}, swap {UsageText.Bytes(memory.SwapBytes)}");
            Field(writer, "  Peak memory", UsageText.Bytes(memory.PeakBytes));
            Field(writer, "  OOM kills", UsageText.Count(memory.OomKills));
        }

        if (usage.Pids is { } pids)
        {
            Field(writer, "  Pids", $"{UsageText.Count(pids.Current)} (limit hit {UsageText.Count(pids.LimitHits)} times)");
        }

        if (usage.Io is { } io)
        {
            Field(writer, "  Block I/O", Io(io));
        }

        if (usage.Network is { } network)
        {
            Field(writer, "  Network", Network(network));
        }

        if (usage.CpuPressure is not null || usage.MemoryPressure is not null || usage.IoPressure is not null)
        {
            Field(writer, "  Pressure", $"cpu {Pressure(usage.CpuPressure)}, memory {Pressure(usage.MemoryPressure)}, io {Pressure(usage.IoPressure)} (some/full, avg10)");
        }
    }

    private static void WriteFinal(FinalUsage final, TextWriter writer)
    {
        Field(writer, "  CPU time", $"{UsageText.CpuTime(final.CpuUsageNanos)} (user {UsageText.CpuTime(final.CpuUserNanos)}, system {UsageText.CpuTime(final.CpuSystemNanos)})");
        Field(writer, "  Throttled", $"{UsageText.Count(final.CpuThrottledPeriods)} periods, {UsageText.CpuTime(final.CpuThrottledNanos)}");
        Field(writer, "  Peak memory", UsageText.Bytes(final.MemoryPeakBytes));
        Field(writer, "  OOM killed", final.OomKilled ? $"yes ({UsageText.Count(final.OomKills)} OOM kills)" : "no");
        if (final.Io is { } io)
        {
            Field(writer, "  Block I/O", Io(io));
        }

        if (final.Network is { } network)
        {
            Field(writer, "  Network", Network(network));
        }
    }

    private static string Io(IoUsage io) =>
        $"read {UsageText.Bytes(io.ReadBytes)} ({UsageText.Count(io.ReadOps)} ops), written {UsageText.Bytes(io.WriteBytes)} ({UsageText.Count(io.WriteOps)} ops)";

    private static string Network(NetworkUsage network) =>
        $"received {UsageText.Bytes(network.ReceiveBytes)} ({UsageText.Count(network.ReceivePackets)} packets, {UsageText.Count(network.ReceiveErrors)} errors, {UsageText.Count(network.ReceiveDrops)} dropped), " +
        $"sent {UsageText.Bytes(network.TransmitBytes)} ({UsageText.Count(network.TransmitPackets)} packets, {UsageText.Count(network.TransmitErrors)} errors, {UsageText.Count(network.TransmitDrops)} dropped)";

    private static string Pressure(PressureStall? pressure) =>
        pressure is null ? "-" : string.Create(CultureInfo.InvariantCulture, $"{pressure.SomeAvg10:0.##}%/{pressure.FullAvg10:0.##}%");

    private static void Field(TextWriter writer, string label, string value) =>
        writer.WriteLine($"{(label + ":").PadRight(LabelWidth)}{value}");

    private static string Timestamp(Google.Protobuf.WellKnownTypes.Timestamp? at) =>
        at is null ? "-" : at.ToDateTimeOffset().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
