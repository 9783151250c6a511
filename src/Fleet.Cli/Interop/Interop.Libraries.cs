namespace Fleet.Cli;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const string Library = "libc";
    }
}
