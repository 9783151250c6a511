using Fleet.Jail.Bundles;

namespace Fleet.Jail.Cgroups;

/// <summary>
/// Creates, joins and removes one jail's cgroup. Each driver takes the cgroup file system's root
/// as a parameter, so it runs against a fixture tree in tests as well as /sys/fs/cgroup.
/// </summary>
internal abstract class CgroupDriver
{
    public const string DefaultRoot = "/sys/fs/cgroup";

    protected CgroupDriver(string root)
    {
        Root = root;
    }

    public string Root { get; }

    /// <summary>
    /// v2 when <paramref name="root"/> itself is a cgroup2 mount (it has cgroup.controllers);
    /// otherwise v1. A hybrid host (cgroup2 only at root/unified, controllers on v1) is v1.
    /// </summary>
    public static CgroupDriver Detect(string root = DefaultRoot) =>
        File.Exists(Path.Combine(root, "cgroup.controllers")) ? new CgroupV2Driver(root) : new CgroupV1Driver(root);

    /// <summary>The directories that make up cgroup <paramref name="path"/>: one per v1 hierarchy, one on v2.</summary>
    public abstract IReadOnlyList<string> Directories(string path);

    /// <summary>Creates cgroup <paramref name="path"/> (an existing one is reused) and writes its limits.</summary>
    public abstract void Create(string path, OciResources? resources);

    /// <summary>
    /// How many times the kernel's OOM killer killed a task in cgroup <paramref name="path"/>
    /// (v1 memory.oom_control, v2 memory.events: <c>oom_kill N</c>); 0 when the file is missing.
    /// </summary>
    public abstract long OomKills(string path);

    /// <summary>The value of the "<paramref name="key"/> N" line of a flat-keyed cgroup file; 0 when file or key is missing.</summary>
    protected static long KeyedValue(string file, string key)
    {
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return 0;
        }

        foreach (var line in text.Split('\n'))
        {
            var parts = line.Split(' ');
            if (parts.Length == 2 && parts[0] == key
                && long.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }
        }

        return 0;
    }

    /// <summary>Moves the calling process into cgroup <paramref name="path"/> in every hierarchy.</summary>
    public void Join(string path)
    {
        foreach (var directory in Directories(path))
        {
            // "0" means the writing process itself.
            KernelFile.Write(Path.Combine(directory, "cgroup.procs"), "0");
        }
    }

    /// <summary>
    /// Removes cgroup <paramref name="path"/> (missing is fine). The kernel refuses (EBUSY) while
    /// exiting tasks are still being reaped, so this retries until <paramref name="drainTimeout"/>.
    /// </summary>
    public async Task RemoveAsync(string path, TimeSpan drainTimeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + drainTimeout;
        foreach (var directory in Directories(path))
        {
            while (Interop.Libc.Rmdir(directory) == -1)
            {
                var errno = Interop.LastErrno;
                if (errno == Interop.Errno.ENOENT)
                {
                    break;
                }

                if (errno != Interop.Errno.EBUSY || time.GetUtcNow() >= deadline)
                {
                    throw new JailException(Interop.FormatError("rmdir", directory, errno)) { Errno = errno };
                }

                await Task.Delay(TimeSpan.FromMilliseconds(10), time, cancellationToken);
            }
        }
    }

    /// <summary>pids.max as both versions write it: a number, or "max" for no limit.</summary>
    protected static string PidsMax(OciPids pids) =>
        pids.Limit > 0 ? pids.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture) : "max";

    /// <summary>"/fleet/w-1" → "root/…/fleet/w-1"; refuses paths that climb out of the root.</summary>
    protected static string Under(string root, string path)
    {
        var relative = path.TrimStart('/');
        if (relative.Length == 0 || relative.Split('/').Any(part => part is "" or "." or ".."))
        {
            throw new ArgumentException($"cgroup path \"{path}\" must name a cgroup below the root", nameof(path));
        }

        return Path.Combine(root, relative);
    }
}
