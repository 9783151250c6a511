using System.Runtime.CompilerServices;
using Fleet.Jail.Bundles;
using static Fleet.Jail.Seccomp.BpfAssembler;

namespace Fleet.Jail.Seccomp;

/// <summary>
/// Compiles an OCI <c>linux.seccomp</c> section into the classic BPF program that
/// prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER) loads: no libseccomp, nothing to load at run time.
/// </summary>
/// <remarks>
/// The program checks the ABI first: anything but x86-64 (a 32-bit int 0x80 call, or an x32 call,
/// the classic ways around a filter written for x86-64 numbers) kills the process. Then a binary
/// search on the syscall number reaches the rules of that syscall, tried most restrictive action
/// first as the kernel orders actions; a syscall with no matching rule gets the default action.
/// </remarks>
internal static class SeccompProgram
{
    /// <summary>The kernel refuses longer programs (BPF_MAXINSNS).</summary>
    public const int MaxInstructions = 4096;

    public const string NativeArchitecture = "SCMP_ARCH_X86_64";

    private const uint AuditArchX8664 = 0xC000003E;
    private const uint X32SyscallBit = 0x40000000;
    private const uint OffsetNr = 0;
    private const uint OffsetArch = 4;
    private const uint OffsetArgs = 16;
    private const int MaxArguments = 6;

    private const uint RetKillProcess = 0x80000000;
    private const uint RetKillThread = 0x00000000;
    private const uint RetTrap = 0x00030000;
    private const uint RetErrno = 0x00050000;
    private const uint RetTrace = 0x7ff00000;
    private const uint RetLog = 0x7ffc0000;
    private const uint RetAllow = 0x7fff0000;
    private const uint Eperm = 1;

    private static readonly ConditionalWeakTable<OciSeccomp, ulong[]> Compiled = [];

    /// <summary>
    /// <see cref="Compile"/>, once per profile object: the default profile is one object, so an
    /// agent compiles it once and every bundle gets the same program.
    /// </summary>
    public static ulong[] CompileOnce(OciSeccomp seccomp) => Compiled.GetValue(seccomp, Compile);

    /// <exception cref="JailException">An unknown action or comparison, an argument index past 5, or a program too long.</exception>
    public static ulong[] Compile(OciSeccomp seccomp)
    {
        if (seccomp.Architectures.Count > 0 && !seccomp.Architectures.Contains(NativeArchitecture))
        {
            throw new JailException($"seccomp: architectures [{string.Join(", ", seccomp.Architectures)}] do not include {NativeArchitecture}");
        }

        var defaultAction = Action(seccomp.DefaultAction, seccomp.DefaultErrnoRet);
        var rules = RulesBySyscall(seccomp, defaultAction);

        var asm = new BpfAssembler();
        var kill = new Label();
        var x32 = new Label();
        asm.Load(OffsetArch);
        asm.Jump(Condition.Equal, AuditArchX8664, null, kill);
        asm.Load(OffsetNr);
        asm.Jump(Condition.GreaterOrEqual, X32SyscallBit, x32, null);

        var numbers = rules.Keys.Order().ToArray();
        // A syscall refused whatever its arguments jumps to one return shared by all such calls
        // with that action: a third fewer instructions, so the kernel loads and checks it faster.
        var shared = new Dictionary<uint, Label>();
        var blocks = new Dictionary<int, Label>();
        foreach (var number in numbers)
        {
            blocks[number] = IsUnconditional(rules[number], out var action)
                ? shared.TryGetValue(action, out var label) ? label : shared[action] = new Label()
                : new Label();
        }

        Dispatch(asm, numbers, blocks, defaultAction);
        foreach (var number in numbers.Where(number => !IsUnconditional(rules[number], out _)))
        {
            asm.Mark(blocks[number]);
            EmitRules(asm, rules[number], defaultAction);
        }

        foreach (var (action, label) in shared)
        {
            asm.Mark(label);
            asm.Return(action);
        }

        // nr -1 is what a tracer sets to skip a call: not an x32 call, so it takes the default.
        asm.Mark(x32);
        asm.Jump(Condition.Equal, uint.MaxValue, null, kill);
        asm.Return(defaultAction);
        asm.Mark(kill);
        asm.Return(RetKillProcess);

        var program = asm.Assemble();
        return program.Length <= MaxInstructions
            ? program
            : throw new JailException($"seccomp: the filter compiles to {program.Length} instructions, more than the kernel's {MaxInstructions}");
    }

    private sealed record Rule(IReadOnlyList<OciSeccompArg> Conditions, uint Action);

    /// <summary>True when a syscall's only rule applies whatever the arguments.</summary>
    private static bool IsUnconditional(List<Rule> rules, out uint action)
    {
        action = rules[0].Action;
        return rules is [{ Conditions.Count: 0 }];
    }

    private static Dictionary<int, List<Rule>> RulesBySyscall(OciSeccomp seccomp, uint defaultAction)
    {
        var rules = new Dictionary<int, List<Rule>>();
        foreach (var syscall in seccomp.Syscalls)
        {
            var action = Action(syscall.Action, syscall.ErrnoRet);
            foreach (var argument in syscall.Args)
            {
                if (argument.Index >= MaxArguments)
                {
                    throw new JailException($"seccomp: {string.Join(",", syscall.Names)}: argument index {argument.Index} (a syscall has 6 arguments, 0 to 5)");
                }
            }

            // libseccomp takes one comparison per argument per rule; runc turns a rule that compares
            // one argument twice into one rule per comparison, and so does Fleet, so a bundle means
            // the same under both.
            var comparesTwice = syscall.Args.GroupBy(argument => argument.Index).Any(group => group.Count() > 1);
            IReadOnlyList<IReadOnlyList<OciSeccompArg>> alternatives = comparesTwice ? [.. syscall.Args.Select(argument => (IReadOnlyList<OciSeccompArg>)[argument])] : [syscall.Args];
            foreach (var name in syscall.Names)
            {
                if (SyscallTable.X64(name) is not { } number)
                {
                    continue;
                }

                if (!rules.TryGetValue(number, out var list))
                {
                    rules[number] = list = [];
                }

                list.AddRange(alternatives.Select(conditions => new Rule(conditions, action)));
            }
        }

        foreach (var (number, list) in rules.ToList())
        {
            // The kernel's own order of actions (kill first, allow last): when two rules match, the stricter wins.
            var ordered = list.OrderBy(rule => Strictness(rule.Action)).ToList();
            var unconditional = ordered.FindIndex(rule => rule.Conditions.Count == 0);
            if (unconditional >= 0)
            {
                ordered.RemoveRange(unconditional + 1, ordered.Count - unconditional - 1);
            }

            if (ordered.All(rule => rule.Action == defaultAction))
            {
                rules.Remove(number);
            }
            else
            {
                rules[number] = ordered;
            }
        }

        return rules;
    }

    /// <summary>A binary search on the syscall number (in A) that lands on each syscall's rules.</summary>
    private static void Dispatch(BpfAssembler asm, ReadOnlySpan<int> numbers, Dictionary<int, Label> blocks, uint defaultAction)
    {
        if (numbers.Length <= 4)
        {
            foreach (var number in numbers)
            {
                asm.Jump(Condition.Equal, (uint)number, blocks[number], null);
            }

            asm.Return(defaultAction);
            return;
        }

        var middle = numbers.Length / 2;
        var upper = new Label();
        asm.Jump(Condition.GreaterOrEqual, (uint)numbers[middle], upper, null);
        Dispatch(asm, numbers[..middle], blocks, defaultAction);
        asm.Mark(upper);
        Dispatch(asm, numbers[middle..], blocks, defaultAction);
    }

    private static void EmitRules(BpfAssembler asm, List<Rule> rules, uint defaultAction)
    {
        foreach (var rule in rules)
        {
            if (rule.Conditions.Count == 0)
            {
                asm.Return(rule.Action);
                return;
            }

            var next = new Label();
            foreach (var condition in rule.Conditions)
            {
                EmitCondition(asm, condition, next);
            }

            asm.Return(rule.Action);
            asm.Mark(next);
        }

        asm.Return(defaultAction);
    }

    /// <summary>Falls through when the 64-bit argument satisfies <paramref name="condition"/>, else jumps to <paramref name="fail"/>; BPF sees it as two 32-bit halves.</summary>
    private static void EmitCondition(BpfAssembler asm, OciSeccompArg condition, Label fail)
    {
        var low = OffsetArgs + (condition.Index * 8);
        var high = low + 4;
        var (valueHigh, valueLow) = ((uint)(condition.Value >> 32), (uint)condition.Value);
        var pass = new Label();
        switch (condition.Op)
        {
            case "SCMP_CMP_EQ":
                asm.Load(high);
                asm.Jump(Condition.Equal, valueHigh, null, fail);
                asm.Load(low);
                asm.Jump(Condition.Equal, valueLow, null, fail);
                break;
            case "SCMP_CMP_NE":
                asm.Load(high);
                asm.Jump(Condition.Equal, valueHigh, null, pass);
                asm.Load(low);
                asm.Jump(Condition.Equal, valueLow, fail, null);
                break;
            case "SCMP_CMP_GT" or "SCMP_CMP_GE":
                asm.Load(high);
                asm.Jump(Condition.Greater, valueHigh, pass, null);
                asm.Jump(Condition.Equal, valueHigh, null, fail);
                asm.Load(low);
                asm.Jump(condition.Op == "SCMP_CMP_GT" ? Condition.Greater : Condition.GreaterOrEqual, valueLow, null, fail);
                break;
            case "SCMP_CMP_LT" or "SCMP_CMP_LE":
                // The negations of GE and GT.
                asm.Load(high);
                asm.Jump(Condition.Greater, valueHigh, fail, null);
                asm.Jump(Condition.Equal, valueHigh, null, pass);
                asm.Load(low);
                asm.Jump(condition.Op == "SCMP_CMP_LT" ? Condition.GreaterOrEqual : Condition.Greater, valueLow, fail, null);
                break;
            case "SCMP_CMP_MASKED_EQ":
                var (maskHigh, maskLow) = ((uint)(condition.Value >> 32), (uint)condition.Value);
                var (wantHigh, wantLow) = ((uint)(condition.ValueTwo >> 32), (uint)condition.ValueTwo);
                asm.Load(high);
                asm.And(maskHigh);
                asm.Jump(Condition.Equal, wantHigh, null, fail);
                asm.Load(low);
                asm.And(maskLow);
                asm.Jump(Condition.Equal, wantLow, null, fail);
                break;
            default:
                throw new JailException($"seccomp: comparison \"{condition.Op}\" not supported (SCMP_CMP_EQ, NE, LT, LE, GT, GE, MASKED_EQ)");
        }

        asm.Mark(pass);
    }

    /// <summary>The filter's return value for an OCI action.</summary>
    private static uint Action(string action, uint? errno) => action switch
    {
        "SCMP_ACT_ALLOW" => RetAllow,
        "SCMP_ACT_ERRNO" => RetErrno | ((errno ?? Eperm) & 0xffff),
        "SCMP_ACT_KILL" or "SCMP_ACT_KILL_THREAD" => RetKillThread,
        "SCMP_ACT_KILL_PROCESS" => RetKillProcess,
        "SCMP_ACT_TRAP" => RetTrap,
        "SCMP_ACT_TRACE" => RetTrace | ((errno ?? 0) & 0xffff),
        "SCMP_ACT_LOG" => RetLog,
        _ => throw new JailException($"seccomp: action \"{action}\" not supported"),
    };

    /// <summary>The kernel compares actions as signed values: KILL_PROCESS (negative) is the strictest, ALLOW the loosest.</summary>
    private static int Strictness(uint action) => (int)(action & 0xffff0000);
}
