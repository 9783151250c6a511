using System.Globalization;
using Fleet.Jail.Bundles;

namespace Fleet.Jail.Cgroups;

/// <summary>
/// cgroup v1: one hierarchy per controller under the root (root/memory, root/cpu, …), so one jail
/// is a directory in each. Co-mounted hierarchies (cpu → cpu,cpuacct) are one directory.
/// </summary>
internal sealed class CgroupV1Driver(string root) : CgroupDriver(root)
{
    /// <summary>memory, cpu and pids carry the limits; cpuacct gives per-jail accounting. cpuset is left out: a new cpuset cgroup needs cpus and mems written before any task may join.</summary>
    private static readonly string[] Controllers = ["memory", "cpu", "cpuacct", "pids"];

    public override IReadOnlyList<string> Directories(string path)
    {
        var directories = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var controller in Controllers)
        {
            var hierarchy = Path.Combine(Root, controller);
            if (!Directory.Exists(hierarchy))
            {
                continue;
            }

            var resolved = new DirectoryInfo(hierarchy).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? hierarchy;
            if (seen.Add(resolved))
            {
                directories.Add(Under(hierarchy, path));
            }
        }

        return directories;
    }

    public override long OomKills(string path) =>
        KeyedValue(Path.Combine(Under(Path.Combine(Root, "memory"), path), "memory.oom_control"), "oom_kill");

    public override void Create(string path, OciResources? resources)
    {
        if (resources?.Memory?.Limit is not null)
        {
            RequireHierarchy("memory");
        }

        if (resources?.Cpu?.Quota is not null)
        {
            RequireHierarchy("cpu");
        }

        if (resources?.Pids is not null)
        {
            RequireHierarchy("pids");
        }

        foreach (var directory in Directories(path))
        {
            Directory.CreateDirectory(directory);
        }

        if (resources?.Memory is { Limit: { } limit } memory)
        {
            var directory = Under(Path.Combine(Root, "memory"), path);
            KernelFile.Write(Path.Combine(directory, "memory.limit_in_bytes"), limit.ToString(CultureInfo.InvariantCulture));
            // memsw files exist only when the kernel accounts swap; after the memory limit, since memsw may not be below it.
            var memsw = Path.Combine(directory, "memory.memsw.limit_in_bytes");
            if (memory.Swap is { } swap && File.Exists(memsw))
            {
                KernelFile.Write(memsw, swap.ToString(CultureInfo.InvariantCulture));
            }
        }

        if (resources?.Cpu is { Quota: { } quota } cpu)
        {
            var directory = Under(Path.Combine(Root, "cpu"), path);
            // The period first: the kernel checks the quota against the period already set.
            KernelFile.Write(Path.Combine(directory, "cpu.cfs_period_us"), (cpu.Period ?? BundleConfig.CpuPeriodMicroseconds).ToString(CultureInfo.InvariantCulture));
            KernelFile.Write(Path.Combine(directory, "cpu.cfs_quota_us"), quota.ToString(CultureInfo.InvariantCulture));
        }

        if (resources?.Pids is { } pids)
        {
            KernelFile.Write(Path.Combine(Under(Path.Combine(Root, "pids"), path), "pids.max"), PidsMax(pids));
        }
    }

    private void RequireHierarchy(string controller)
    {
        var hierarchy = Path.Combine(Root, controller);
        if (!Directory.Exists(hierarchy))
        {
            throw new JailException($"cgroup v1 {controller} hierarchy missing at {hierarchy}");
        }
    }
}
