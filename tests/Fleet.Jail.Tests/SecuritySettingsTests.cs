using System.Globalization;
using Fleet.Jail.Security;

namespace Fleet.Jail.Tests;

/// <summary>The workload settings beside the capabilities: rlimits, OOM score, working directory, sysctls, pids limit, validation.</summary>
public sealed class SecuritySettingsTests(JailFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Defaults_are_1024_open_files_oom_score_0_root_in_slash_and_1024_pids()
    {
        await using var test = new TestJail(fixture);
        var spec = test.Spec("defaults", "sh", "-c", "ulimit -n; ulimit -Hn; cat /proc/self/oom_score_adj; pwd; id -u; id -G; cat /proc/sys/net/ipv4/ping_group_range");

        var (exit, stdout) = await test.RunAsync(spec);

        var ownHard = File.ReadAllLines("/proc/self/limits").Single(line => line.StartsWith("Max open files", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[4];
        var hard = Math.Min(524288, ulong.Parse(ownHard, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture);
        Assert.Equal(0, exit.ExitCode);
        Assert.Equal(["1024", hard, "0", "/", "0", "0", "0\t2147483647"], stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        // The cgroup stays until the jail is disposed.
        Assert.Equal("1024", (await File.ReadAllTextAsync(Path.Combine(fixture.CgroupDirectory("pids", spec.Id), "pids.max"), Cancel)).Trim());
    }

    [Fact]
    public async Task Rlimits_oom_score_working_directory_sysctls_and_pids_limit_come_from_the_spec()
    {
        await using var test = new TestJail(fixture);
        var spec = test.Spec("settings", "sh", "-c", "ulimit -n; ulimit -Hn; ulimit -c; cat /proc/self/oom_score_adj; pwd; cat /proc/sys/net/ipv4/ip_forward /proc/sys/kernel/shmmni /proc/sys/fs/mqueue/msg_max") with
        {
            WorkingDirectory = "/tmp",
            PidsLimit = 50,
            Sysctls = new Dictionary<string, string> { ["net.ipv4.ip_forward"] = "1", ["kernel.shmmni"] = "1000", ["fs.mqueue.msg_max"] = "20" },
            Security = JailSecurity.Default with
            {
                Rlimits = [new JailRlimit("RLIMIT_NOFILE", 256, 512), new JailRlimit("RLIMIT_CORE", 0, 0)],
                OomScoreAdj = 500,
            },
        };

        var (exit, stdout) = await test.RunAsync(spec);

        Assert.Equal(0, exit.ExitCode);
        Assert.Equal(["256", "512", "0", "500", "/tmp", "1", "1000", "20"], stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("50", (await File.ReadAllTextAsync(Path.Combine(fixture.CgroupDirectory("pids", spec.Id), "pids.max"), Cancel)).Trim());
        // Namespaced: the host's values are untouched.
        Assert.NotEqual("20", (await File.ReadAllTextAsync("/proc/sys/fs/mqueue/msg_max", Cancel)).Trim());
    }

    [Fact]
    public async Task A_missing_working_directory_is_a_failure_reason()
    {
        await using var test = new TestJail(fixture);

        var (exit, _) = await test.RunAsync(test.Spec("nowhere", "true") with { WorkingDirectory = "/no/such/dir" });

        Assert.Equal(new JailExit(null, "chdir /no/such/dir: No such file or directory"), exit);
    }

    [Theory]
    [InlineData("sysctl", "jail sysctl \"kernel.panic\" is not allowed: a jail may set only namespaced sysctls")]
    [InlineData("sysctl-path", "jail sysctl \"net.ipv4/../../kernel.panic\" is not a dotted sysctl name")]
    [InlineData("capability", "jail security AddCapabilities: unknown capability \"SYS_EVERYTHING\"")]
    [InlineData("rlimit", "jail security rlimit RLIMIT_NOFILE: soft limit 10 is above the hard limit 5")]
    [InlineData("rlimit-name", "jail security rlimit \"RLIMIT_FILES\" is unknown")]
    [InlineData("oom", "jail security OomScoreAdj 2000 must be between -1000 and 1000")]
    [InlineData("cwd", "jail working directory \"tmp\" must be an absolute path")]
    [InlineData("pids", "jail pids limit -1 must be 0 (the default, 1024) or more")]
    public async Task Invalid_settings_are_refused_before_anything_is_created(string setting, string message)
    {
        await using var test = new TestJail(fixture);
        var spec = test.Spec("invalid", "true");
        spec = setting switch
        {
            "sysctl" => spec with { Sysctls = new Dictionary<string, string> { ["kernel.panic"] = "1" } },
            "sysctl-path" => spec with { Sysctls = new Dictionary<string, string> { ["net.ipv4/../../kernel.panic"] = "1" } },
            "capability" => spec with { Security = JailSecurity.Default with { AddCapabilities = ["SYS_EVERYTHING"] } },
            "rlimit" => spec with { Security = JailSecurity.Default with { Rlimits = [new JailRlimit("RLIMIT_NOFILE", 10, 5)] } },
            "rlimit-name" => spec with { Security = JailSecurity.Default with { Rlimits = [new JailRlimit("RLIMIT_FILES", 1, 1)] } },
            "oom" => spec with { Security = JailSecurity.Default with { OomScoreAdj = 2000 } },
            "cwd" => spec with { WorkingDirectory = "tmp" },
            _ => spec with { PidsLimit = -1 },
        };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => test.Runtime.StartAsync(spec, Cancel));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(test.StateDirectory, spec.Id)));
        Assert.False(Directory.Exists(fixture.CgroupDirectory("pids", spec.Id)));
    }
}
