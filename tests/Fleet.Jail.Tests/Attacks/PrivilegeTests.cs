using Fleet.Jail.Security;

namespace Fleet.Jail.Tests.Attacks;

/// <summary>Issue 3, attack 6: what a root workload keeps, as /proc shows it from inside.</summary>
public sealed class PrivilegeTests(JailFixture fixture)
{
    /// <summary>Docker's 14 default capabilities without NET_RAW (bit 13).</summary>
    private const ulong DefaultCapabilities = 0xa80405fb;

    private const string StatusScript = "grep -E '^(CapInh|CapPrm|CapEff|CapBnd|CapAmb|NoNewPrivs|Seccomp):' /proc/self/status";

    [Fact]
    public async Task The_default_profile_has_dockers_capabilities_without_net_raw_no_new_privs_and_a_seccomp_filter()
    {
        await using var test = new TestJail(fixture);

        var status = await StatusAsync(test, test.Spec("default", "sh", "-c", StatusScript));

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["CapInh"] = Hex(0), ["CapPrm"] = Hex(DefaultCapabilities), ["CapEff"] = Hex(DefaultCapabilities),
                ["CapBnd"] = Hex(DefaultCapabilities), ["CapAmb"] = Hex(0), ["NoNewPrivs"] = "1", ["Seccomp"] = "2",
            },
            status);
    }

    [Fact]
    public async Task The_restricted_profile_leaves_root_without_any_capability()
    {
        await using var test = new TestJail(fixture);
        var spec = test.Spec("restricted", "sh", "-c", $"{StatusScript}; touch /tmp/f; chown 1:1 /tmp/f 2>/dev/null && echo chown-ok || echo chown-refused") with
        {
            Security = JailSecurity.Default with { Profile = JailSecurityProfile.Restricted },
        };

        var (exit, stdout) = await test.RunAsync(spec);

        Assert.Equal(0, exit.ExitCode);
        var status = Parse(stdout);
        Assert.All((string[])["CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb"], set => Assert.Equal((set, Hex(0)), (set, status[set])));
        Assert.EndsWith("chown-refused\n", stdout);
    }

    [Fact]
    public async Task Added_and_dropped_capabilities_change_every_set()
    {
        await using var test = new TestJail(fixture);
        var spec = test.Spec("add-drop", "sh", "-c", StatusScript) with
        {
            Security = JailSecurity.Default with { AddCapabilities = ["NET_ADMIN"], DropCapabilities = ["CAP_CHOWN", "kill"] },
        };

        var status = await StatusAsync(test, spec);

        var expected = (DefaultCapabilities | (1UL << 12)) & ~1UL & ~(1UL << 5);
        Assert.Equal(Hex(expected), status["CapEff"]);
        Assert.Equal(Hex(expected), status["CapBnd"]);
    }

    [Fact]
    public async Task A_non_root_user_runs_with_its_ids_its_groups_and_no_effective_capability()
    {
        await using var test = new TestJail(fixture);
        var spec = test.Spec("user", "sh", "-c", $"id -u; id -g; id -G; {StatusScript}") with
        {
            Security = JailSecurity.Default with { User = new JailUser(1000, 1001) { AdditionalGids = [10, 20] } },
        };

        var (exit, stdout) = await test.RunAsync(spec);

        Assert.Equal(0, exit.ExitCode);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["1000", "1001", "1001 10 20"], lines[..3]);
        var status = Parse(stdout);
        // execve as a non-root user keeps only ambient capabilities, and there are none.
        Assert.Equal(Hex(0), status["CapEff"]);
        Assert.Equal(Hex(0), status["CapPrm"]);
        Assert.Equal(Hex(DefaultCapabilities), status["CapBnd"]);
        Assert.Equal("1", status["NoNewPrivs"]);
    }

    [Fact]
    public async Task Without_no_new_privs_the_filter_is_still_loaded()
    {
        await fixture.InstallProbeAsync();
        await using var test = new TestJail(fixture);
        // The init then loads the filter while it still has CAP_SYS_ADMIN, before dropping it.
        var spec = test.Spec("privs", "sh", "-c", $"{StatusScript}; fleet-probe syscalls | grep '^mount:'") with
        {
            Security = JailSecurity.Default with { NoNewPrivileges = false },
        };

        var (exit, stdout) = await test.RunAsync(spec);

        Assert.Equal(0, exit.ExitCode);
        var status = Parse(stdout);
        Assert.Equal("0", status["NoNewPrivs"]);
        Assert.Equal("2", status["Seccomp"]);
        Assert.Equal(Hex(DefaultCapabilities), status["CapEff"]);
        Assert.EndsWith("mount: EPERM\n", stdout);
    }

    [Fact]
    public async Task Masked_paths_read_empty()
    {
        await using var test = new TestJail(fixture);
        var script = string.Join('\n', JailPaths.Masked.Select(path =>
            $"if [ -d {path} ]; then [ -z \"$(ls -A {path})\" ] && echo '{path}: empty' || echo '{path}: listed'; " +
            $"elif [ -e {path} ]; then [ \"$(wc -c < {path})\" = 0 ] && echo '{path}: empty' || echo '{path}: readable'; " +
            $"else echo '{path}: absent'; fi"));

        var (exit, stdout) = await test.RunAsync(test.Spec("masked", "sh", "-c", script));

        Assert.Equal(0, exit.ExitCode);
        var results = ProbeResults.Parse(stdout);
        // The jail's /proc and /sys have what the host kernel has; every one of those is empty inside.
        Assert.All(JailPaths.Masked, path => Assert.Equal((path, Path.Exists(path) ? "empty" : "absent"), (path, results[path])));
        // The test means something only if some of them are there and hold data on the host.
        Assert.NotEmpty(Directory.EnumerateFileSystemEntries("/sys/firmware"));
        Assert.NotEqual(0, File.ReadAllText("/proc/interrupts").Length);
    }

    [Fact]
    public async Task Read_only_paths_refuse_writes_even_to_namespaced_settings()
    {
        await using var test = new TestJail(fixture);
        string[] script =
        [
            "exec 2>&1",
            "echo x > /proc/sys/kernel/hostname",
            "echo 1 > /proc/sys/net/ipv4/ip_forward",
            "echo 3 > /proc/sys/vm/drop_caches",
            "cat /proc/sys/kernel/hostname",
            "mount -o remount,rw /proc/sys 2>/dev/null || echo remount-refused",
        ];
        var spec = test.Spec("readonly", "sh", "-c", string.Join('\n', script));

        var (_, stdout) = await test.RunAsync(spec);

        Assert.Equal(
            [
                "sh: can't create /proc/sys/kernel/hostname: Read-only file system",
                "sh: can't create /proc/sys/net/ipv4/ip_forward: Read-only file system",
                "sh: can't create /proc/sys/vm/drop_caches: Read-only file system",
                "readonly",
                "remount-refused",
            ],
            stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private static async Task<Dictionary<string, string>> StatusAsync(TestJail test, JailSpec spec)
    {
        var (exit, stdout) = await test.RunAsync(spec);
        Assert.Equal(new JailExit(0, null), exit);
        return Parse(stdout);
    }

    /// <summary>"CapEff:\t00000000a80405fb" lines to a dictionary.</summary>
    private static Dictionary<string, string> Parse(string stdout) =>
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line.Contains(":\t", StringComparison.Ordinal))
            .Select(line => line.Split(":\t"))
            .ToDictionary(parts => parts[0], parts => parts[1]);

    private static string Hex(ulong mask) => mask.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
}
