using System.Globalization;
using Fleet.Jail.Bundles;

namespace Fleet.Jail.Cgroups;

/// <summary>
/// cgroup v2: one unified tree. A controller's files appear in a cgroup only once every ancestor
/// lists it in cgroup.subtree_control, so creation enables them from the root down.
/// </summary>
internal sealed class CgroupV2Driver(string root) : CgroupDriver(root)
{
    private static readonly string[] Controllers = ["cpu", "memory", "pids"];

    public override IReadOnlyList<string> Directories(string path) => [Under(Root, path)];

    public override long OomKills(string path) => KeyedValue(Path.Combine(Under(Root, path), "memory.events"), "oom_kill");

    public override void Create(string path, OciResources? resources)
    {
        var leaf = Under(Root, path);
        var required = new List<string>();
        if (resources?.Memory?.Limit is not null)
        {
            required.Add("memory");
        }

        if (resources?.Cpu?.Quota is not null)
        {
            required.Add("cpu");
        }

        if (resources?.Pids is not null)
        {
            required.Add("pids");
        }

        // Every ancestor from the root to the leaf's parent delegates the controllers to its children.
        var ancestor = Root;
        foreach (var part in Path.GetRelativePath(Root, leaf).Split('/')[..^1].Prepend(""))
        {
            ancestor = part.Length == 0 ? ancestor : Path.Combine(ancestor, part);
            Directory.CreateDirectory(ancestor);
            EnableControllers(ancestor, required);
        }

        Directory.CreateDirectory(leaf);
        if (resources?.Memory is { Limit: { } limit } memory)
        {
            KernelFile.Write(Path.Combine(leaf, "memory.max"), limit.ToString(CultureInfo.InvariantCulture));
            // v2 limits swap alone, where the spec (and v1) limit memory plus swap.
            var swapMax = Path.Combine(leaf, "memory.swap.max");
            if (memory.Swap is { } swap && File.Exists(swapMax))
            {
                KernelFile.Write(swapMax, Math.Max(0, swap - limit).ToString(CultureInfo.InvariantCulture));
            }
        }

        if (resources?.Cpu is { Quota: { } quota } cpu)
        {
            var period = cpu.Period ?? BundleConfig.CpuPeriodMicroseconds;
            KernelFile.Write(Path.Combine(leaf, "cpu.max"), string.Create(CultureInfo.InvariantCulture, $"{quota} {period}"));
        }

        if (resources?.Pids is { } pids)
        {
            KernelFile.Write(Path.Combine(leaf, "pids.max"), PidsMax(pids));
        }
    }

    private static void EnableControllers(string directory, List<string> required)
    {
        var available = ReadWords(Path.Combine(directory, "cgroup.controllers"));
        var missing = required.Where(controller => !available.Contains(controller)).ToList();
        if (missing.Count > 0)
        {
            throw new JailException($"cgroup v2 controller {string.Join(", ", missing)} not available in {Path.Combine(directory, "cgroup.controllers")}");
        }

        var enabled = ReadWords(Path.Combine(directory, "cgroup.subtree_control"));
        var toEnable = Controllers.Where(controller => available.Contains(controller) && !enabled.Contains(controller)).ToList();
        if (toEnable.Count > 0)
        {
            KernelFile.Write(Path.Combine(directory, "cgroup.subtree_control"), string.Join(' ', toEnable.Select(controller => "+" + controller)));
        }
    }

    private static HashSet<string> ReadWords(string path)
    {
        try
        {
            return [.. File.ReadAllText(path).Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries)];
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new JailException($"read {path}: not a cgroup v2 directory", e);
        }
    }
}
