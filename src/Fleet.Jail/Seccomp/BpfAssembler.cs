namespace Fleet.Jail.Seccomp;

/// <summary>
/// Writes a classic BPF program with forward jumps to labels. A conditional jump reaches at most 255
/// instructions ahead; when a target is farther, an unconditional jump (32-bit offset) is put in as
/// a trampoline, so the program can be emitted in whatever order reads best.
/// </summary>
internal sealed class BpfAssembler
{
    private const ushort LdAbsWord = 0x20;   // BPF_LD | BPF_W | BPF_ABS
    private const ushort AndK = 0x54;        // BPF_ALU | BPF_AND | BPF_K
    private const ushort Ja = 0x05;          // BPF_JMP | BPF_JA
    private const ushort RetK = 0x06;        // BPF_RET | BPF_K

    /// <summary>BPF_JMP | BPF_Jxx | BPF_K.</summary>
    public enum Condition : ushort
    {
        Equal = 0x15,
        Greater = 0x25,
        GreaterOrEqual = 0x35,
    }

    private readonly List<Instruction> _program = [];
    private readonly List<Label> _pending = [];

    /// <summary>Binds <paramref name="label"/> to the next instruction emitted.</summary>
    public void Mark(Label label) => _pending.Add(label);

    public void Load(uint offset) => Emit(new Instruction(LdAbsWord, offset));

    public void And(uint mask) => Emit(new Instruction(AndK, mask));

    public void Return(uint value) => Emit(new Instruction(RetK, value));

    /// <summary>Jumps to <paramref name="whenTrue"/> if A (op) <paramref name="value"/>, else to <paramref name="whenFalse"/>; null means the next instruction.</summary>
    public void Jump(Condition condition, uint value, Label? whenTrue, Label? whenFalse)
    {
        var next = new Label();
        Emit(new Instruction((ushort)condition, value) { True = whenTrue ?? next, False = whenFalse ?? next });
        Mark(next);
    }

    /// <summary>The program as struct sock_filter values (code, jt, jf, k), each packed little-endian into 8 bytes.</summary>
    public ulong[] Assemble()
    {
        if (_pending.Count > 0)
        {
            throw new InvalidOperationException("a label was marked after the last instruction");
        }

        while (InsertTrampoline())
        {
        }

        var index = new Dictionary<Instruction, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < _program.Count; i++)
        {
            index[_program[i]] = i;
        }

        var words = new ulong[_program.Count];
        for (var i = 0; i < _program.Count; i++)
        {
            var instruction = _program[i];
            ulong jt = 0, jf = 0, k = instruction.K;
            if (instruction.Code == Ja)
            {
                k = (ulong)Distance(index, i, instruction.True!);
            }
            else if (instruction.True is not null)
            {
                jt = (ulong)Distance(index, i, instruction.True);
                jf = (ulong)Distance(index, i, instruction.False!);
            }

            words[i] = instruction.Code | (jt << 16) | (jf << 24) | (k << 32);
        }

        return words;
    }

    private void Emit(Instruction instruction)
    {
        foreach (var label in _pending)
        {
            label.Target = instruction;
        }

        _pending.Clear();
        _program.Add(instruction);
    }

    /// <summary>Finds one conditional jump whose target is out of reach and routes it through a new "ja" right after it.</summary>
    private bool InsertTrampoline()
    {
        var index = new Dictionary<Instruction, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < _program.Count; i++)
        {
            index[_program[i]] = i;
        }

        for (var i = 0; i < _program.Count; i++)
        {
            var instruction = _program[i];
            if (instruction.Code == Ja || instruction.True is null)
            {
                continue;
            }

            foreach (var isTrue in (bool[])[true, false])
            {
                var target = isTrue ? instruction.True : instruction.False!;
                if (Distance(index, i, target) <= byte.MaxValue)
                {
                    continue;
                }

                var trampoline = new Instruction(Ja, 0) { True = target };
                _program.Insert(i + 1, trampoline);
                var label = new Label { Target = trampoline };
                if (isTrue)
                {
                    instruction.True = label;
                }
                else
                {
                    instruction.False = label;
                }

                return true;
            }
        }

        return false;
    }

    private static int Distance(Dictionary<Instruction, int> index, int from, Label label)
    {
        var target = label.Target ?? throw new InvalidOperationException("a jump to a label that was never marked");
        var distance = index[target] - from - 1;
        return distance >= 0 ? distance : throw new InvalidOperationException("classic BPF jumps only forward");
    }

    /// <summary>A place in the program, bound by <see cref="Mark"/>.</summary>
    public sealed class Label
    {
        internal Instruction? Target { get; set; }
    }

    internal sealed class Instruction(ushort code, uint k)
    {
        public ushort Code { get; } = code;

        public uint K { get; } = k;

        public Label? True { get; set; }

        public Label? False { get; set; }
    }
}
