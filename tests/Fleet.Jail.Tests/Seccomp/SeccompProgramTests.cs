using Fleet.Jail.Bundles;
using Fleet.Jail.Seccomp;

namespace Fleet.Jail.Tests.Seccomp;

/// <summary>The OCI seccomp → classic BPF compiler, run on <see cref="ClassicBpf"/>; the kernel runs it in the attack tests.</summary>
public sealed class SeccompProgramTests
{
    private const uint Allow = 0x7fff0000;
    private const uint Eperm = 0x00050001;
    private const uint Enosys = 0x00050026;
    private const uint KillProcess = 0x80000000;

    private static readonly ulong[] Default = SeccompProgram.Compile(DefaultSeccompProfile.Profile);

    [Theory]
    [InlineData("read", Allow)]
    [InlineData("write", Allow)]
    [InlineData("openat", Allow)]
    [InlineData("ptrace", Allow)]
    [InlineData("chroot", Allow)]
    [InlineData("mount", Eperm)]
    [InlineData("keyctl", Eperm)]
    [InlineData("unshare", Eperm)]
    [InlineData("io_uring_setup", Eperm)]
    [InlineData("fsopen", Eperm)]
    [InlineData("open_tree_attr", Eperm)]
    [InlineData("clone3", Enosys)]
    public void The_default_profile_answers_each_syscall_whatever_its_arguments(string name, uint expected)
    {
        var number = SyscallTable.X64(name)!.Value;

        Assert.Equal(expected, ClassicBpf.Run(Default, number));
        Assert.Equal(expected, ClassicBpf.Run(Default, number, [ulong.MaxValue, 1, 2, 3, 4, 5]));
    }

    [Theory]
    [InlineData(0x11UL, Allow)]                                   // fork: SIGCHLD only
    [InlineData(0x3d0f00UL, Allow)]                               // pthread_create's flags
    [InlineData(0x10000011UL, Eperm)]                             // CLONE_NEWUSER
    [InlineData(0x40000011UL, Eperm)]                             // CLONE_NEWNET
    [InlineData(0x00020011UL, Eperm)]                             // CLONE_NEWNS
    [InlineData(0xffffffff_00000011UL, Allow)]                    // garbage above 32 bits changes nothing
    [InlineData(0xffffffff_20000011UL, Eperm)]
    public void Clone_is_refused_only_with_a_namespace_flag(ulong flags, uint expected)
    {
        Assert.Equal(expected, ClassicBpf.Run(Default, SyscallTable.X64("clone")!.Value, [flags]));
    }

    [Theory]
    [InlineData(0x0UL, Allow)]                     // PER_LINUX
    [InlineData(0x8UL, Allow)]                     // PER_LINUX32
    [InlineData(0x20000UL, Allow)]                 // UNAME26
    [InlineData(0x0040000UL, Eperm)]               // ADDR_NO_RANDOMIZE
    [InlineData(0x0100000UL, Eperm)]               // MMAP_PAGE_ZERO
    [InlineData(0x0400008UL, Eperm)]               // READ_IMPLIES_EXEC | PER_LINUX32
    public void Personality_is_refused_only_with_flags_that_weaken_memory_protection(ulong persona, uint expected)
    {
        Assert.Equal(expected, ClassicBpf.Run(Default, SyscallTable.X64("personality")!.Value, [persona]));
    }

    [Fact]
    public void Another_abi_is_killed_and_a_skipped_call_is_not()
    {
        Assert.Equal(KillProcess, ClassicBpf.Run(Default, 20, arch: ClassicBpf.AuditArchI386));
        Assert.Equal(KillProcess, ClassicBpf.Run(Default, 0x40000000 | 39));
        // A tracer that skips a call sets nr to -1: that is not an x32 call.
        Assert.Equal(Allow, ClassicBpf.Run(Default, -1));
    }

    [Theory]
    [InlineData("SCMP_CMP_EQ")]
    [InlineData("SCMP_CMP_NE")]
    [InlineData("SCMP_CMP_LT")]
    [InlineData("SCMP_CMP_LE")]
    [InlineData("SCMP_CMP_GT")]
    [InlineData("SCMP_CMP_GE")]
    public void Comparisons_are_64_bit(string op)
    {
        const ulong value = 0x1_0000_0005;
        var program = SeccompProgram.Compile(Profile(Rule("read", "SCMP_ACT_ERRNO", new OciSeccompArg { Index = 2, Value = value, Op = op })));
        ulong[] arguments = [0, 4, 5, 6, 0x0_ffff_ffff, 0x1_0000_0000, 0x1_0000_0004, value, 0x1_0000_0006, 0x1_ffff_ffff, 0x2_0000_0005, ulong.MaxValue];

        foreach (var argument in arguments)
        {
            bool holds = op switch
            {
                "SCMP_CMP_EQ" => argument == value,
                "SCMP_CMP_NE" => argument != value,
                "SCMP_CMP_LT" => argument < value,
                "SCMP_CMP_LE" => argument <= value,
                "SCMP_CMP_GT" => argument > value,
                _ => argument >= value,
            };
            Assert.Equal((argument, holds ? Eperm : Allow), (argument, ClassicBpf.Run(program, 0, [0, 0, argument])));
        }
    }

    [Fact]
    public void Masked_equality_compares_both_halves()
    {
        var program = SeccompProgram.Compile(Profile(Rule("read", "SCMP_ACT_ERRNO", new OciSeccompArg { Index = 0, Value = 0xff00_0000_00ff, ValueTwo = 0x1200_0000_0034, Op = "SCMP_CMP_MASKED_EQ" })));

        Assert.Equal(Eperm, ClassicBpf.Run(program, 0, [0x1234_5678_9a34]));
        Assert.Equal(Allow, ClassicBpf.Run(program, 0, [0x1334_5678_9a34]));
        Assert.Equal(Allow, ClassicBpf.Run(program, 0, [0x1234_5678_9a35]));
    }

    [Fact]
    public void A_rule_comparing_one_argument_twice_becomes_alternatives_as_in_runc()
    {
        var program = SeccompProgram.Compile(Profile(Rule(
            "personality",
            "SCMP_ACT_ERRNO",
            new OciSeccompArg { Index = 0, Value = 0, Op = "SCMP_CMP_NE" },
            new OciSeccompArg { Index = 0, Value = 8, Op = "SCMP_CMP_NE" })));

        // Any value differs from 0 or from 8: every call is refused, as runc would load it.
        foreach (var persona in (ulong[])[0, 8, 0x20000])
        {
            Assert.Equal(Eperm, ClassicBpf.Run(program, SyscallTable.X64("personality")!.Value, [persona]));
        }
    }

    [Fact]
    public void The_strictest_matching_rule_wins()
    {
        var kill = new OciSyscall { Names = ["read"], Action = "SCMP_ACT_KILL_PROCESS", Args = [new OciSeccompArg { Index = 0, Value = 7, Op = "SCMP_CMP_EQ" }] };
        var program = SeccompProgram.Compile(Profile(Rule("read", "SCMP_ACT_ERRNO"), kill));

        Assert.Equal(KillProcess, ClassicBpf.Run(program, 0, [7]));
        Assert.Equal(Eperm, ClassicBpf.Run(program, 0, [8]));
    }

    [Fact]
    public void A_rule_on_every_syscall_still_reaches_each_one_through_trampolines()
    {
        // Every x86-64 syscall the kernel headers name (linux-libc-dev, which the probe's gcc needs too).
        var names = File.ReadLines("/usr/include/x86_64-linux-gnu/asm/unistd_64.h")
            .Where(line => line.StartsWith("#define __NR_", StringComparison.Ordinal))
            .Select(line => line["#define __NR_".Length..].Split(' ')[0])
            .Select(name => (Number: SyscallTable.X64(name)!.Value, Name: name))
            .ToList();
        Assert.True(names.Count > 300, $"{names.Count} syscalls in the header");
        var rules = names.Select(entry => Rule(entry.Name, "SCMP_ACT_ERRNO", new OciSeccompArg { Index = 1, Value = (ulong)entry.Number, Op = "SCMP_CMP_EQ" })).ToArray();

        var program = SeccompProgram.Compile(Profile(rules));

        Assert.InRange(program.Length, 2000, SeccompProgram.MaxInstructions);
        foreach (var (number, _) in names)
        {
            Assert.Equal(Eperm, ClassicBpf.Run(program, number, [0, (ulong)number]));
            Assert.Equal(Allow, ClassicBpf.Run(program, number, [0, (ulong)number + 1]));
        }
    }

    [Fact]
    public void Syscalls_x86_64_lacks_are_skipped()
    {
        var program = SeccompProgram.Compile(Profile(Rule("vm86old", "SCMP_ACT_ERRNO"), Rule("no_such_call", "SCMP_ACT_ERRNO")));

        Assert.Equal(Allow, ClassicBpf.Run(program, 0));
    }

    [Theory]
    [InlineData("SCMP_ACT_NOTIFY", "SCMP_CMP_EQ", 0, "seccomp: action \"SCMP_ACT_NOTIFY\" not supported")]
    [InlineData("SCMP_ACT_ERRNO", "SCMP_CMP_SOMETIMES", 0, "seccomp: comparison \"SCMP_CMP_SOMETIMES\" not supported")]
    [InlineData("SCMP_ACT_ERRNO", "SCMP_CMP_EQ", 6, "seccomp: read: argument index 6")]
    public void Unsupported_rules_are_errors(string action, string op, uint index, string message)
    {
        var error = Assert.Throws<JailException>(() => SeccompProgram.Compile(Profile(Rule("read", action, new OciSeccompArg { Index = index, Op = op }))));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_profile_without_x86_64_is_an_error()
    {
        var error = Assert.Throws<JailException>(() => SeccompProgram.Compile(Profile() with { Architectures = ["SCMP_ARCH_AARCH64"] }));

        Assert.Contains("do not include SCMP_ARCH_X86_64", error.Message, StringComparison.Ordinal);
    }

    private static OciSeccomp Profile(params OciSyscall[] rules) =>
        new() { DefaultAction = "SCMP_ACT_ALLOW", Architectures = ["SCMP_ARCH_X86_64"], Syscalls = rules };

    private static OciSyscall Rule(string name, string action, params OciSeccompArg[] args) =>
        new() { Names = [name], Action = action, Args = args };
}
