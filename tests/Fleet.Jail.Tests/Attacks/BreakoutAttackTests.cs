using Fleet.Jail.Security;

namespace Fleet.Jail.Tests.Attacks;

/// <summary>Issue 3, attack 3: root in the jail cannot break out, nor reach the kernel's host-wide switches.</summary>
public sealed class BreakoutAttackTests(JailFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_classic_chroot_escape_ends_at_the_jail_root()
    {
        await fixture.InstallProbeAsync();
        await using var test = new TestJail(fixture);
        var marker = Path.Combine(test.Directory, "host-marker");
        await File.WriteAllTextAsync(marker, "host", Cancel);

        var (exit, stdout) = await test.RunAsync(test.Spec("escape", "sh", "-c", $"cd /tmp && fleet-probe escape {marker}"));

        Assert.Equal(new JailExit(0, null), exit);
        var results = ProbeResults.Parse(stdout);
        // chroot itself is allowed (CAP_SYS_CHROOT), but ".." from outside the new root stops at the
        // jail's root: pivot_root made it the mount namespace's root and the host's is detached.
        Assert.Equal("ok", results["chroot(fleet-escape)"]);
        Assert.Equal("ok", results["chroot(.)"]);
        Assert.Equal("ENOENT", results["marker"]);
        Assert.Equal("ok", results["/bin/busybox"]);
        Assert.Equal("/", results["cwd"]);
    }

    [Fact]
    public async Task Mounts_modules_keyring_reboot_clock_and_new_namespaces_are_refused()
    {
        await fixture.InstallProbeAsync();
        await using var test = new TestJail(fixture);

        var (exit, stdout) = await test.RunAsync(test.Spec("syscalls", "fleet-probe", "syscalls"));

        Assert.Equal(new JailExit(0, null), exit);
        var results = ProbeResults.Parse(stdout);
        string[] refused =
        [
            "mount", "umount2", "pivot_root", "init_module", "finit_module", "delete_module", "keyctl", "add_key",
            "request_key", "reboot", "settimeofday", "clock_settime", "adjtimex", "unshare(CLONE_NEWUSER)",
            "unshare(CLONE_NEWNS)", "clone(CLONE_NEWUSER)", "clone(CLONE_NEWNET)", "setns", "bpf", "perf_event_open",
            "userfaultfd", "io_uring_setup", "open_by_handle_at", "kexec_load", "swapon", "acct", "iopl", "ioperm",
            "syslog", "kcmp", "personality(ADDR_NO_RANDOMIZE)",
        ];
        Assert.All(refused, name => Assert.Equal((name, "EPERM"), (name, results[name])));
        // clone3's flags are out of the filter's sight: "not implemented" sends glibc back to clone.
        Assert.Equal("ENOSYS", results["clone3"]);
        // What a workload needs still works.
        Assert.Equal("ok", results["clone(plain)"]);
        Assert.Equal("ok", results["personality(PER_LINUX)"]);
        Assert.Equal("ok", results["chroot"]);
    }

    [Fact]
    public async Task Without_the_seccomp_filter_capabilities_still_refuse_mounts_but_not_user_namespaces()
    {
        await fixture.InstallProbeAsync();
        await using var test = new TestJail(fixture);
        var spec = test.Spec("unconfined", "sh", "-c", "grep '^Seccomp:' /proc/self/status; fleet-probe syscalls") with
        {
            Security = JailSecurity.Default with { Seccomp = JailSeccomp.Unconfined },
        };

        var (exit, stdout) = await test.RunAsync(spec);

        Assert.Equal(0, exit.ExitCode);
        Assert.StartsWith("Seccomp:\t0\n", stdout);
        var results = ProbeResults.Parse(stdout);
        // Missing capabilities (SYS_ADMIN, SYS_BOOT, SYS_TIME) stop these on their own...
        Assert.All((string[])["mount", "pivot_root", "reboot", "settimeofday"], name => Assert.Equal((name, "EPERM"), (name, results[name])));
        // ...but a new user namespace, which hands back every capability inside it, needs none:
        // the seccomp filter is what refuses it by default.
        Assert.Equal("ok", results["unshare(CLONE_NEWUSER)"]);
    }

    [Fact]
    public async Task A_system_call_through_the_x32_abi_kills_the_process()
    {
        await fixture.InstallProbeAsync();
        await using var test = new TestJail(fixture);

        var (exit, stdout) = await test.RunAsync(test.Spec("x32", "sh", "-c", "fleet-probe x32; echo \"exit $?\""));

        Assert.Equal(0, exit.ExitCode);
        // 128 + SIGSYS: the filter's numbers are x86-64's, so any other ABI is refused outright.
        Assert.Equal("exit 159\n", stdout);
    }
}
