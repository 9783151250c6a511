using System.Runtime.InteropServices;

namespace Fleet.Jail;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int AF_INET = 2;
        internal const int SOCK_DGRAM = 2;
        internal const ulong SIOCGIFFLAGS = 0x8913;
        internal const ulong SIOCSIFFLAGS = 0x8914;
        internal const short IFF_UP = 0x1;
        internal const short IFF_RUNNING = 0x40;

        /// <summary>struct ifreq as SIOC[GS]IFFLAGS use it: the interface name, then the flags in the union.</summary>
        [StructLayout(LayoutKind.Sequential, Size = 40)]
        internal unsafe struct IfReqFlags
        {
            internal fixed byte Name[16];
            internal short Flags;
        }

        [LibraryImport(Libraries.Libc, EntryPoint = "socket", SetLastError = true)]
        internal static partial int Socket(int domain, int type, int protocol);

        [LibraryImport(Libraries.Libc, EntryPoint = "ioctl", SetLastError = true)]
        internal static partial int Ioctl(int fd, ulong request, ref IfReqFlags request2);
    }
}
