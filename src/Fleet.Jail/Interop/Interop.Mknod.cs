namespace Fleet.Jail;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const uint S_IFCHR = 0x2000;

        /// <summary>glibc's makedev(3): the 64-bit dev_t encoding of a major and minor number.</summary>
        internal static ulong MakeDev(uint major, uint minor) =>
            ((ulong)(major & 0xfffff000) << 32) | ((ulong)(major & 0xfff) << 8) |
            ((ulong)(minor & 0xffffff00) << 12) | (minor & 0xff);
    }
}
