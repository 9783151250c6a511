using System.Buffers.Binary;

namespace Fleet.Jail.Tests.Seccomp;

/// <summary>
/// Just enough of a classic BPF interpreter to run a seccomp program on a made-up struct
/// seccomp_data, so the compiler's output is checked instruction by instruction without a kernel.
/// </summary>
internal static class ClassicBpf
{
    public const uint AuditArchX8664 = 0xC000003E;
    public const uint AuditArchI386 = 0x40000003;

    public static uint Run(ulong[] program, int nr, ulong[]? args = null, uint arch = AuditArchX8664)
    {
        var data = new byte[64];
        BinaryPrimitives.WriteInt32LittleEndian(data, nr);
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(4), arch);
        for (var i = 0; i < (args?.Length ?? 0); i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(16 + (8 * i)), args![i]);
        }

        uint a = 0;
        for (var pc = 0; pc < program.Length; pc++)
        {
            var instruction = program[pc];
            var code = (ushort)instruction;
            var (jt, jf, k) = ((byte)(instruction >> 16), (byte)(instruction >> 24), (uint)(instruction >> 32));
            switch (code)
            {
                case 0x20:
                    a = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan((int)k));
                    break;
                case 0x54:
                    a &= k;
                    break;
                case 0x05:
                    pc += (int)k;
                    break;
                case 0x15:
                    pc += a == k ? jt : jf;
                    break;
                case 0x25:
                    pc += a > k ? jt : jf;
                    break;
                case 0x35:
                    pc += a >= k ? jt : jf;
                    break;
                case 0x06:
                    return k;
                default:
                    throw new InvalidOperationException($"instruction {pc}: opcode 0x{code:x} not expected in a seccomp program");
            }
        }

        throw new InvalidOperationException("the program ran off its end without a return");
    }
}
