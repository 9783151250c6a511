using System.Runtime.InteropServices;

namespace Fleet.Jail;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const ulong RLIM_INFINITY = ulong.MaxValue;

        [StructLayout(LayoutKind.Sequential)]
        internal struct Rlimit
        {
            internal ulong Current;
            internal ulong Maximum;
        }

        [LibraryImport(Libraries.Libc, EntryPoint = "getrlimit", SetLastError = true)]
        internal static partial int Getrlimit(int resource, out Rlimit limit);

        /// <summary>setrlimit(2): raising the hard limit needs CAP_SYS_RESOURCE.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "setrlimit", SetLastError = true)]
        internal static partial int Setrlimit(int resource, in Rlimit limit);
    }
}
