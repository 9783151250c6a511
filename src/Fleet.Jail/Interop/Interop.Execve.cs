using System.Runtime.InteropServices;

namespace Fleet.Jail;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>execve(2); <paramref name="argv"/> and <paramref name="envp"/> are NULL-terminated arrays of UTF-8 C strings. Returns only on failure.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "execve", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int Execve(string path, byte** argv, byte** envp);
    }
}
