using System.Text.Json;
using Fleet.Jail.Bundles;
using Fleet.Jail.Security;

namespace Fleet.Jail.Tests;

/// <summary>The security settings land in config.json under their OCI names, so the bundle means the same to runc.</summary>
public sealed class BundleConfigTests
{
    private static readonly JailSpec Spec = new()
    {
        Id = "j1", Hostname = "j1", Command = ["/bin/true"], RootfsPath = "/srv/rootfs", StdoutPath = "/logs/out", StderrPath = "/logs/err",
    };

    [Fact]
    public void The_default_spec_writes_the_secure_profile()
    {
        using var json = Serialize(Spec);
        var process = json.RootElement.GetProperty("process");
        var linux = json.RootElement.GetProperty("linux");

        Assert.Equal(
            ["CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP",
             "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_MKNOD", "CAP_AUDIT_WRITE", "CAP_SETFCAP"],
            Strings(process.GetProperty("capabilities").GetProperty("bounding")));
        Assert.Equal(Strings(process.GetProperty("capabilities").GetProperty("bounding")), Strings(process.GetProperty("capabilities").GetProperty("effective")));
        Assert.Empty(Strings(process.GetProperty("capabilities").GetProperty("inheritable")));
        Assert.Empty(Strings(process.GetProperty("capabilities").GetProperty("ambient")));
        Assert.True(process.GetProperty("noNewPrivileges").GetBoolean());
        Assert.Equal(0, process.GetProperty("user").GetProperty("uid").GetInt32());
        Assert.Equal(0, process.GetProperty("oomScoreAdj").GetInt32());
        var nofile = Assert.Single(process.GetProperty("rlimits").EnumerateArray());
        Assert.Equal("RLIMIT_NOFILE", nofile.GetProperty("type").GetString());
        Assert.Equal(1024UL, nofile.GetProperty("soft").GetUInt64());
        Assert.False(json.RootElement.GetProperty("root").GetProperty("readonly").GetBoolean());

        Assert.Equal(1024, linux.GetProperty("resources").GetProperty("pids").GetProperty("limit").GetInt64());
        Assert.Equal(JailPaths.Masked, Strings(linux.GetProperty("maskedPaths")));
        Assert.Equal(JailPaths.Readonly, Strings(linux.GetProperty("readonlyPaths")));
        Assert.Equal("0 2147483647", linux.GetProperty("sysctl").GetProperty("net.ipv4.ping_group_range").GetString());
        var seccomp = linux.GetProperty("seccomp");
        Assert.Equal("SCMP_ACT_ALLOW", seccomp.GetProperty("defaultAction").GetString());
        Assert.Equal(["SCMP_ARCH_X86_64"], Strings(seccomp.GetProperty("architectures")));
        var denied = seccomp.GetProperty("syscalls").EnumerateArray().First();
        Assert.Equal("SCMP_ACT_ERRNO", denied.GetProperty("action").GetString());
        Assert.Equal(1, denied.GetProperty("errnoRet").GetInt32());
        Assert.Contains("mount", Strings(denied.GetProperty("names")));
        Assert.Contains(seccomp.GetProperty("syscalls").EnumerateArray(), rule =>
            Strings(rule.GetProperty("names")).SequenceEqual(["clone"])
            && rule.GetProperty("args")[0].GetProperty("op").GetString() == "SCMP_CMP_MASKED_EQ"
            && rule.GetProperty("args")[0].GetProperty("value").GetUInt64() == 0x10000000);
    }

    [Fact]
    public void Loosened_and_tightened_settings_are_written_as_given()
    {
        var spec = Spec with
        {
            PidsLimit = 10,
            WorkingDirectory = "/srv",
            Sysctls = new Dictionary<string, string> { ["net.ipv4.ping_group_range"] = "1 0", ["kernel.sem"] = "250 32000 32 128" },
            Security = new JailSecurity
            {
                Profile = JailSecurityProfile.Restricted,
                AddCapabilities = ["net_bind_service"],
                Seccomp = JailSeccomp.Unconfined,
                NoNewPrivileges = false,
                ReadOnlyRootfs = true,
                User = new JailUser(1000, 1000) { AdditionalGids = [5] },
                Rlimits = [new JailRlimit("RLIMIT_NOFILE", 64, 128)],
                OomScoreAdj = 900,
            },
        };

        var config = BundleConfig.From(spec, "/fleet/j1");

        Assert.Equal(["CAP_NET_BIND_SERVICE"], config.Process.Capabilities!.Bounding);
        Assert.False(config.Process.NoNewPrivileges);
        Assert.Null(config.Linux.Seccomp);
        Assert.True(config.Root.Readonly);
        Assert.Equal("/srv", config.Process.Cwd);
        Assert.Equal((1000u, 1000u), (config.Process.User.Uid, config.Process.User.Gid));
        Assert.Equal([5u], config.Process.User.AdditionalGids);
        Assert.Equal([new OciRlimit("RLIMIT_NOFILE", 128, 64)], config.Process.Rlimits);
        Assert.Equal(900, config.Process.OomScoreAdj);
        Assert.Equal(10, config.Linux.Resources!.Pids!.Limit);
        Assert.Equal("1 0", config.Linux.Sysctl["net.ipv4.ping_group_range"]);
        Assert.Equal("250 32000 32 128", config.Linux.Sysctl["kernel.sem"]);
    }

    [Fact]
    public void Dropping_all_and_adding_one_back_leaves_only_that_one()
    {
        var security = JailSecurity.Default with { DropCapabilities = ["ALL"] };

        Assert.Empty(Capabilities.Resolve(security));
        Assert.Equal(["CAP_KILL"], Capabilities.Resolve(new JailSecurity { Profile = JailSecurityProfile.Restricted, AddCapabilities = ["KILL"] }));
        Assert.Equal(41, Capabilities.Resolve(security with { DropCapabilities = [], AddCapabilities = ["all"] }).Count);
    }

    [Fact]
    public void The_config_reads_back_as_written()
    {
        var written = BundleConfig.From(Spec, "/fleet/j1");
        var bytes = JsonSerializer.SerializeToUtf8Bytes(written, BundleJsonContext.Default.OciSpec);

        var read = JsonSerializer.Deserialize(bytes, BundleJsonContext.Default.OciSpec)!;

        Assert.Equal(written.Process.Capabilities!.Bounding, read.Process.Capabilities!.Bounding);
        Assert.Equal(written.Linux.Seccomp!.Syscalls.Count, read.Linux.Seccomp!.Syscalls.Count);
        Assert.Equal(
            Fleet.Jail.Seccomp.SeccompProgram.Compile(written.Linux.Seccomp),
            Fleet.Jail.Seccomp.SeccompProgram.Compile(read.Linux.Seccomp));
    }

    [Fact]
    public void The_compiled_filter_is_written_beside_config_json_and_a_filter_without_it_is_refused()
    {
        var directory = Directory.CreateTempSubdirectory("bundle-").FullName;
        try
        {
            var config = BundleConfig.From(Spec, "/fleet/j1");
            var bundle = JailBundle.Create(Path.Combine(directory, "j1"), config);

            Assert.Equal(Fleet.Jail.Seccomp.SeccompProgram.Compile(config.Linux.Seccomp!), bundle.SeccompFilter(bundle.ReadConfig()));
            Assert.Null(bundle.SeccompFilter(config with { Linux = config.Linux with { Seccomp = null } }));
            var error = Assert.Throws<JailException>(() => bundle.SeccompFilter(config with { Annotations = [] }));
            Assert.Contains("linux.seccomp without its compiled program", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static JsonDocument Serialize(JailSpec spec) =>
        JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(BundleConfig.From(spec, "/fleet/j1"), BundleJsonContext.Default.OciSpec));

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(item => item.GetString()!)];
}
