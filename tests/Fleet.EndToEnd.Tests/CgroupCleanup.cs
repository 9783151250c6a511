namespace Fleet.EndToEnd.Tests;

/// <summary>
/// Removes the cgroup parent a test cluster's agents made, in every hierarchy, killing whatever a
/// failed test left running in it first, so the host ends as it started.
/// </summary>
internal static class CgroupCleanup
{
    private const string Root = "/sys/fs/cgroup";

    public static void Remove(string parent)
    {
        foreach (var hierarchy in Hierarchies())
        {
            var top = Path.Combine(hierarchy, parent);
            if (!Directory.Exists(top))
            {
                continue;
            }

            // Children first: a cgroup with children cannot be removed.
            foreach (var dir in Directory.EnumerateDirectories(top, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length).Append(top))
            {
                KillMembers(dir);
                RemoveWhenEmpty(dir);
            }
        }
    }

    private static IEnumerable<string> Hierarchies() =>
        File.Exists(Path.Combine(Root, "cgroup.controllers"))
            ? [Root]
            : Directory.EnumerateDirectories(Root);

    private static void KillMembers(string dir)
    {
        var procs = Path.Combine(dir, "cgroup.procs");
        if (!File.Exists(procs))
        {
            return;
        }

        foreach (var line in File.ReadAllLines(procs))
        {
            if (int.TryParse(line, out var pid))
            {
                Interop.Kill(pid, 9);
            }
        }
    }

    private static void RemoveWhenEmpty(string dir)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            try
            {
                Directory.Delete(dir);
                return;
            }
            catch (IOException) when (attempt < 49)
            {
                // Killed members leave the cgroup a moment after the signal.
                Thread.Sleep(20);
            }
            catch (DirectoryNotFoundException)
            {
                return;
            }
        }
    }
}
