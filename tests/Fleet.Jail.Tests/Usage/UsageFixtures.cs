using System.Runtime.CompilerServices;

namespace Fleet.Jail.Tests.Usage;

/// <summary>The checked-in file trees the usage readers are pointed at, found beside this source file (no copy to the output needed).</summary>
internal static class UsageFixtures
{
    public static string Root { get; } = Path.Combine(SourceDirectory(), "Fixtures");

    public static string V1 => Path.Combine(Root, "v1");

    public static string V2 => Path.Combine(Root, "v2");

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
