namespace Fleet.EndToEnd.Tests;

/// <summary>Where the published binaries the tests start are.</summary>
internal static class RepositoryLayout
{
    public static string Root { get; } = FindRoot();

    public static string Binaries => Path.Combine(Root, "artifacts", "bin");

    public static string ControlPlane => Require(Path.Combine(Binaries, "controlplane", "fleet-controlplane"));

    public static string Agent => Require(Path.Combine(Binaries, "agent", "fleet-agent"));

    public static string Cli => Require(Path.Combine(Binaries, "cli", "fleet"));

    private static string Require(string path) =>
        File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{path} is missing: the end-to-end tests run the published binaries; run deploy/dev/build.sh first (deploy/dev/test.sh does)");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Fleet.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Fleet.sln above {AppContext.BaseDirectory}");
    }
}
