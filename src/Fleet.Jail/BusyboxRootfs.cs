using System.Diagnostics;
using Fleet.Jail.Rootfs;

namespace Fleet.Jail;

/// <summary>
/// Fleet's own tiny root file system: Debian's static busybox, a symlink per applet, the usual
/// directories and a root user. Enough for /bin/sh and the common tools, with nothing to resolve
/// at run time.
/// </summary>
public static class BusyboxRootfs
{
    /// <summary>Where Debian's <c>busybox-static</c> package puts the binary.</summary>
    public const string DefaultBusyboxPath = "/bin/busybox";

    private static readonly string[] Directories =
        ["bin", "sbin", "usr/bin", "usr/sbin", "dev", "etc", "home", "proc", "run", "sys", "var", "mnt"];

    /// <summary>
    /// Builds the rootfs at <paramref name="targetDirectory"/> unless it is already there. It is
    /// built in a temporary sibling and renamed into place, so a crash never leaves a half-built
    /// rootfs and concurrent callers agree on one.
    /// </summary>
    /// <exception cref="JailException">busybox is missing or not statically linked, or the build failed.</exception>
    public static async Task EnsureAsync(string targetDirectory, string busyboxPath = DefaultBusyboxPath, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(targetDirectory);
        var target = Path.GetFullPath(targetDirectory);
        if (IsBuilt(target))
        {
            return;
        }

        if (!File.Exists(busyboxPath))
        {
            throw new JailException($"busybox rootfs: {busyboxPath} not found: install busybox-static (apt-get install busybox-static)");
        }

        if (!ElfFile.IsStaticExecutable(busyboxPath))
        {
            throw new JailException($"busybox rootfs: {busyboxPath} is not a statically linked executable: install busybox-static (apt-get install busybox-static)");
        }

        var applets = await ListAppletsAsync(busyboxPath, cancellationToken);
        var parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        var temporary = Path.Combine(parent, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}");
        try
        {
            Build(temporary, busyboxPath, applets);
            try
            {
                Directory.Move(temporary, target);
            }
            catch (IOException) when (IsBuilt(target))
            {
                // Another caller finished first; theirs is as good as ours.
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new JailException($"busybox rootfs {target}: {e.Message}", e);
        }
        finally
        {
            if (Directory.Exists(temporary))
            {
                Directory.Delete(temporary, recursive: true);
            }
        }
    }

    private static bool IsBuilt(string target) => File.Exists(Path.Combine(target, "bin", "busybox"));

    private static void Build(string root, string busyboxPath, IReadOnlyList<string> applets)
    {
        Directory.CreateDirectory(root);
        Chmod(root, 0b111_101_101); // 0755
        foreach (var directory in Directories)
        {
            Directory.CreateDirectory(Path.Combine(root, directory));
        }

        // Sticky and world-writable, as every program expects of /tmp.
        foreach (var directory in (string[])["tmp", "var/tmp"])
        {
            Directory.CreateDirectory(Path.Combine(root, directory));
            Chmod(Path.Combine(root, directory), 0b1_111_111_111); // 1777
        }

        Directory.CreateDirectory(Path.Combine(root, "root"));
        Chmod(Path.Combine(root, "root"), 0b111_000_000); // 0700

        var binary = Path.Combine(root, "bin", "busybox");
        File.Copy(busyboxPath, binary);
        Chmod(binary, 0b111_101_101);

        foreach (var applet in applets)
        {
            var link = Path.Combine(root, applet);
            Directory.CreateDirectory(Path.GetDirectoryName(link)!);
            if (!File.Exists(link))
            {
                File.CreateSymbolicLink(link, "/bin/busybox");
            }
        }

        // No /etc/hostname: the jail's host name is set by the runtime, not baked into the image.
        File.WriteAllText(Path.Combine(root, "etc", "passwd"), "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n");
        File.WriteAllText(Path.Combine(root, "etc", "group"), "root:x:0:\nnogroup:x:65534:\n");
        File.WriteAllText(Path.Combine(root, "etc", "hosts"), "127.0.0.1\tlocalhost\n::1\tlocalhost\n");
    }

    /// <summary>busybox's own list of applets with their usual directories ("bin/sh", "usr/bin/env", …).</summary>
    private static async Task<IReadOnlyList<string>> ListAppletsAsync(string busyboxPath, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(busyboxPath) { RedirectStandardOutput = true, UseShellExecute = false };
        startInfo.ArgumentList.Add("--list-full");
        using var process = Process.Start(startInfo) ?? throw new JailException($"start {busyboxPath} --list-full: no process");
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new JailException($"{busyboxPath} --list-full: exit code {process.ExitCode}");
        }

        var applets = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(applet => applet != "bin/busybox" && !applet.StartsWith('/') && !applet.Contains("..", StringComparison.Ordinal))
            .ToList();
        return applets.Count > 0 ? applets : throw new JailException($"{busyboxPath} --list-full: no applets listed");
    }

    private static void Chmod(string path, uint mode) => Interop.CheckIo(Interop.Libc.Chmod(path, mode), "chmod", path);
}
