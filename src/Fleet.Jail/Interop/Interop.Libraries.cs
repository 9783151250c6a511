namespace Fleet.Jail;

/// <summary>
/// Every P/Invoke of the jail, nested by native library as in dotnet/runtime. Kept internal: the
/// init helper and the tests see it through InternalsVisibleTo.
/// </summary>
internal static partial class Interop
{
    internal static class Libraries
    {
        internal const string Libc = "libc";
    }
}
