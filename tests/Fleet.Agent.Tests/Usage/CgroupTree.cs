using System.Globalization;

namespace Fleet.Agent.Tests.Usage;

/// <summary>
/// A cgroup v2 tree and a /proc in a temporary directory, whose counters the test sets between
/// samples, as the kernel would move them.
/// </summary>
internal sealed class CgroupTree : IDisposable
{
    public CgroupTree()
    {
        Root = Directory.CreateTempSubdirectory("fleet-usage-").FullName;
        Directory.CreateDirectory(CgroupRoot);
        File.WriteAllText(Path.Combine(CgroupRoot, "cgroup.controllers"), "cpu memory pids io\n");
        Directory.CreateDirectory(Path.Combine(ProcRoot, "proc"));
        SetHost(busyTicks: 0, totalKib: 4 << 20, availableKib: 3 << 20);
    }

    public string Root { get; }

    public string CgroupRoot => Path.Combine(Root, "cgroup");

    public string ProcRoot => Path.Combine(Root, "root");

    /// <summary>Creates or updates the cgroup <c>fleet/&lt;id&gt;</c> with these counters.</summary>
    public void Set(string id, long cpuMicros, long memoryBytes, long peakBytes = 0, long inactiveFileBytes = 0, long throttledPeriods = 0, long oomKills = 0)
    {
        var dir = Path.Combine(CgroupRoot, "fleet", id);
        Directory.CreateDirectory(dir);
        Write(dir, "cpu.stat", $"usage_usec {cpuMicros}\nuser_usec {cpuMicros / 2}\nsystem_usec {cpuMicros - (cpuMicros / 2)}\nnr_periods {throttledPeriods * 2}\nnr_throttled {throttledPeriods}\nthrottled_usec {throttledPeriods * 1000}\n");
        Write(dir, "memory.current", $"{memoryBytes}\n");
        Write(dir, "memory.stat", $"anon {memoryBytes - inactiveFileBytes}\nfile {inactiveFileBytes}\ninactive_file {inactiveFileBytes}\n");
        Write(dir, "memory.peak", $"{Math.Max(peakBytes, memoryBytes)}\n");
        Write(dir, "memory.events", $"low 0\nhigh 0\nmax 0\noom {oomKills}\noom_kill {oomKills}\n");
        Write(dir, "pids.current", "1\n");
        Write(dir, "pids.events", "max 0\n");
        Write(dir, "io.stat", "8:0 rbytes=4096 wbytes=8192 rios=1 wios=2 dbytes=0 dios=0\n");
    }

    public void Remove(string id) => Directory.Delete(Path.Combine(CgroupRoot, "fleet", id), recursive: true);

    /// <summary>Gives process <paramref name="pid"/> a network namespace with one eth0 besides lo.</summary>
    public void SetNetwork(int pid, long receiveBytes, long transmitBytes)
    {
        var dir = Path.Combine(ProcRoot, "proc", pid.ToString(CultureInfo.InvariantCulture), "net");
        Directory.CreateDirectory(dir);
        Write(dir, "dev", $"""
            Inter-|   Receive                                                |  Transmit
             face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
                lo:     100       1    0    0    0     0          0         0      100       1    0    0    0     0       0          0
              eth0: {receiveBytes}      10    0    0    0     0          0         0  {transmitBytes}      20    0    0    0     0       0          0

            """);
    }

    public void RemoveProcess(int pid) => Directory.Delete(Path.Combine(ProcRoot, "proc", pid.ToString(CultureInfo.InvariantCulture)), recursive: true);

    public void SetHost(long busyTicks, long totalKib, long availableKib)
    {
        var proc = Path.Combine(ProcRoot, "proc");
        Write(proc, "stat", $"cpu  {busyTicks} 0 0 1000 0 0 0 0 0 0\n");
        Write(proc, "meminfo", $"MemTotal: {totalKib} kB\nMemFree: 1 kB\nMemAvailable: {availableKib} kB\n");
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static void Write(string dir, string file, string text) => File.WriteAllText(Path.Combine(dir, file), text);
}
