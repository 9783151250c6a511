using System.Globalization;

namespace Fleet.Agent.Capacity;

/// <summary>
/// The CPU quota and memory limit of the cgroup the agent runs in (and of its ancestors, which
/// bind it too), on cgroup v1 or v2. Takes the file system root so tests can point it at fixtures.
/// </summary>
internal static class CgroupLimits
{
    // v1 writes this (LONG_MAX rounded down to a page) for "no limit".
    private const long V1Unlimited = 0x7FFF_FFFF_FFFF_F000;

    /// <summary>The tightest CPU quota in thousandths of a core, or null when none applies.</summary>
    public static long? ReadCpuMillis(string root)
    {
        long? best = null;
        foreach (var dir in V1Directories(root, "cpu"))
        {
            if (ReadLong(Path.Combine(dir, "cpu.cfs_quota_us")) is > 0 and var quota &&
                ReadLong(Path.Combine(dir, "cpu.cfs_period_us")) is > 0 and var period)
            {
                best = Min(best, quota * 1000 / period);
            }
        }

        foreach (var dir in V2Directories(root))
        {
            var fields = ReadText(Path.Combine(dir, "cpu.max"))?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields is [var quotaText, var periodText] &&
                long.TryParse(quotaText, NumberStyles.None, CultureInfo.InvariantCulture, out var quota) &&
                long.TryParse(periodText, NumberStyles.None, CultureInfo.InvariantCulture, out var period) &&
                quota > 0 && period > 0)
            {
                best = Min(best, quota * 1000 / period);
            }
        }

        return best;
    }

    /// <summary>The tightest memory limit in bytes, or null when none applies.</summary>
    public static long? ReadMemoryBytes(string root)
    {
        long? best = null;
        foreach (var dir in V1Directories(root, "memory"))
        {
            if (ReadLong(Path.Combine(dir, "memory.limit_in_bytes")) is > 0 and < V1Unlimited and var limit)
            {
                best = Min(best, limit);
            }
        }

        foreach (var dir in V2Directories(root))
        {
            if (ReadLong(Path.Combine(dir, "memory.max")) is > 0 and var limit)
            {
                best = Min(best, limit);
            }
        }

        return best;
    }

    private static long? Min(long? a, long b) => a is { } value ? Math.Min(value, b) : b;

    /// <summary>The v1 hierarchy directories of <paramref name="controller"/> from the agent's cgroup up to the root.</summary>
    private static List<string> V1Directories(string root, string controller)
    {
        foreach (var (controllers, path) in Membership(root))
        {
            var names = controllers.Split(',');
            if (!names.Contains(controller, StringComparer.Ordinal))
            {
                continue;
            }

            // The hierarchy may be mounted under its own name or under the joined controller list ("cpu,cpuacct").
            var mount = new[] { controllers, controller }
                .Select(name => Path.Combine(root, "sys", "fs", "cgroup", name))
                .FirstOrDefault(Directory.Exists);
            if (mount is not null)
            {
                return Ancestry(mount, path);
            }
        }

        return [];
    }

    /// <summary>The v2 directories from the agent's cgroup up to the root, when /sys/fs/cgroup is a unified hierarchy.</summary>
    private static List<string> V2Directories(string root)
    {
        var mount = Path.Combine(root, "sys", "fs", "cgroup");
        if (!File.Exists(Path.Combine(mount, "cgroup.controllers")))
        {
            return [];
        }

        foreach (var (controllers, path) in Membership(root))
        {
            if (controllers.Length == 0)
            {
                return Ancestry(mount, path);
            }
        }

        return [];
    }

    /// <summary>
    /// The directory for <paramref name="path"/> and each ancestor under <paramref name="mount"/>. Inside a
    /// cgroup namespace the path may not exist under the mount; then only the mount's own root counts.
    /// </summary>
    private static List<string> Ancestry(string mount, string path)
    {
        var directories = new List<string>();
        var relative = path.Trim('/');
        while (relative.Length > 0)
        {
            var dir = Path.Combine(mount, relative);
            if (Directory.Exists(dir))
            {
                directories.Add(dir);
            }

            var slash = relative.LastIndexOf('/');
            relative = slash < 0 ? string.Empty : relative[..slash];
        }

        directories.Add(mount);
        return directories;
    }

    /// <summary>Lines of /proc/self/cgroup: "hierarchy-id:controllers:path".</summary>
    private static IEnumerable<(string Controllers, string Path)> Membership(string root)
    {
        var text = ReadText(Path.Combine(root, "proc", "self", "cgroup"));
        if (text is null)
        {
            yield break;
        }

        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(':', 3);
            if (parts.Length == 3)
            {
                yield return (parts[1], parts[2]);
            }
        }
    }

    private static long? ReadLong(string path) =>
        long.TryParse(ReadText(path), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string? ReadText(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
