using System.Diagnostics;
using Fleet.Jail.Security;

namespace Fleet.Jail.Tests.Attacks;

/// <summary>Issue 3, attack 1: the host's files stay out of reach, whatever the jail opens or the image contains.</summary>
public sealed class FileSystemAttackTests(JailFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_host_marker_is_unreachable_and_cwd_root_and_every_fd_stay_inside_the_jail()
    {
        await using var test = new TestJail(fixture);
        var marker = Path.Combine(test.Directory, "host-marker");
        await File.WriteAllTextAsync(marker, "host", Cancel);
        string[] script =
        [
            $"test -e {marker} && echo marker-visible || echo marker-hidden",
            // $$ is the workload, PID 1's child; PID 1 (the reaper) is not dumpable: its links are closed to the jail.
            $"test -e /proc/$$/root{marker} && echo root-link-visible || echo root-link-hidden",
            "for link in /proc/self/cwd /proc/self/root /proc/$$/cwd /proc/$$/root; do readlink $link; done",
            "readlink /proc/1/root || echo reaper-root-closed",
            "readlink /proc/1/exe || echo reaper-exe-closed",
            // From a background child while the shell waits: in a pipeline the shell may still hold the
            // pipe, and busybox runs a foreground ls inside the shell, with stdout saved to a spare fd.
            "ls /proc/$$/fd > /tmp/fds & wait; tr '\\n' ' ' < /tmp/fds; echo",
            "readlink /proc/$$/fd/0",
            // The logs on 1 and 2 are files: nothing to walk from, unlike a leaked directory fd.
            "for fd in 1 2; do ls /proc/$$/fd/$fd/.. >/dev/null 2>&1 && echo \"fd $fd walkable\" || echo \"fd $fd not walkable\"; done",
        ];

        var (exit, stdout) = await test.RunAsync(test.Spec("fs-attack", "sh", "-c", string.Join('\n', script)));

        Assert.Equal(new JailExit(0, null), exit);
        Assert.Equal(
            ["marker-hidden", "root-link-hidden", "/", "/", "/", "/", "reaper-root-closed", "reaper-exe-closed", "0 1 2 ", "/dev/null", "fd 1 not walkable", "fd 2 not walkable"],
            stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task A_symlink_in_the_rootfs_cannot_aim_a_mount_at_the_host()
    {
        await using var test = new TestJail(fixture);
        var hostSide = Directory.CreateDirectory(Path.Combine(test.Directory, "host-side")).FullName;
        var rootfs = await CopyRootfsAsync(Path.Combine(test.Directory, "evil-rootfs"));
        // /proc points at a host path that does not exist yet (an init that followed it would
        // create it on the host); /sys climbs out with "..".
        Directory.Delete(Path.Combine(rootfs, "proc"));
        File.CreateSymbolicLink(Path.Combine(rootfs, "proc"), Path.Combine(hostSide, "made-by-jail"));
        Directory.Delete(Path.Combine(rootfs, "sys"));
        File.CreateSymbolicLink(Path.Combine(rootfs, "sys"), "../../../../../../../.." + Path.Combine(hostSide, "sys"));
        var spec = test.Spec("symlinks", "sh", "-c", $"ls {hostSide}/made-by-jail | grep -c '^[0-9]'; ls -A {hostSide}/sys/kernel >/dev/null && echo sysfs-inside") with
        {
            RootfsPath = rootfs,
        };

        var (exit, stdout) = await test.RunAsync(spec);

        // The kernel file systems were mounted where the links lead inside the jail's own root...
        Assert.Equal(new JailExit(0, null), exit);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(int.Parse(lines[0], System.Globalization.CultureInfo.InvariantCulture) >= 1, stdout);
        Assert.Equal("sysfs-inside", lines[1]);
        // ...and nothing was created or mounted on the host.
        Assert.Empty(Directory.EnumerateFileSystemEntries(hostSide));
        Assert.DoesNotContain(hostSide, await File.ReadAllTextAsync("/proc/self/mountinfo", Cancel));
    }

    [Fact]
    public async Task A_read_only_rootfs_refuses_writes_while_dev_shm_and_proc_still_work()
    {
        await using var test = new TestJail(fixture);
        var script = "touch /etc/x 2>&1; touch /tmp/x 2>&1; echo shm > /dev/shm/x && cat /dev/shm/x; test -r /proc/self/status && echo proc-ok";
        var spec = test.Spec("ro-rootfs", "sh", "-c", script) with { Security = JailSecurity.Default with { ReadOnlyRootfs = true } };

        var (exit, stdout) = await test.RunAsync(spec);

        Assert.Equal(0, exit.ExitCode);
        Assert.Equal(
            ["touch: /etc/x: Read-only file system", "touch: /tmp/x: Read-only file system", "shm", "proc-ok"],
            stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>A private copy of the busybox rootfs (cp -a keeps the applet symlinks as they are).</summary>
    private async Task<string> CopyRootfsAsync(string target)
    {
        var startInfo = new ProcessStartInfo("cp") { UseShellExecute = false };
        foreach (var argument in (string[])["-a", fixture.RootfsPath, target])
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var cp = Process.Start(startInfo)!;
        await cp.WaitForExitAsync(Cancel);
        Assert.Equal(0, cp.ExitCode);
        return target;
    }
}
