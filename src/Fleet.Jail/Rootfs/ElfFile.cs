using System.Buffers.Binary;

namespace Fleet.Jail.Rootfs;

/// <summary>Just enough of the ELF format to tell a static executable from a dynamic one.</summary>
internal static class ElfFile
{
    private const uint PT_INTERP = 3;

    /// <summary>
    /// True for a 64-bit little-endian ELF with no PT_INTERP program header: it needs no dynamic
    /// loader, so it runs in a root file system that has no libc.
    /// </summary>
    public static bool IsStaticExecutable(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F'
            || bytes[4] != 2 /* ELFCLASS64 */ || bytes[5] != 1 /* little-endian */)
        {
            return false;
        }

        var programHeaders = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(0x20));
        var entrySize = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(0x36));
        var count = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(0x38));
        for (var i = 0; i < count; i++)
        {
            var offset = programHeaders + (i * entrySize);
            if (offset + 4 > bytes.Length)
            {
                return false;
            }

            if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan((int)offset)) == PT_INTERP)
            {
                return false;
            }
        }

        return true;
    }
}
