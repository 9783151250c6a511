using System.Globalization;
using System.Text;

namespace Fleet.Cli.Tests.Dev;

/// <summary>A fixture /proc tree: just the stat and cmdline files that ProcessTable reads.</summary>
public sealed class FakeProc : IDisposable
{
    private readonly TemporaryDirectory _root = new();

    public string Path => _root.Path;

    /// <summary>Adds /proc/<paramref name="pid"/> in <paramref name="state"/> (S sleeping, Z zombie, …) running <paramref name="argv"/>.</summary>
    public void Add(int pid, char state, params string[] argv) =>
        Add(pid, System.IO.Path.GetFileName(argv[0]), state, argv);

    /// <summary>The same with an explicit command name (the stat file's second field).</summary>
    public void Add(int pid, string comm, char state, params string[] argv)
    {
        var directory = Directory.CreateDirectory(_root.Combine(pid.ToString(CultureInfo.InvariantCulture))).FullName;
        File.WriteAllText(System.IO.Path.Combine(directory, "stat"), $"{pid} ({comm}) {state} 1 {pid} {pid} 0 -1 4194560 100 0 0 0\n");
        File.WriteAllBytes(System.IO.Path.Combine(directory, "cmdline"), Encoding.UTF8.GetBytes(string.Join('\0', argv) + "\0"));
    }

    public void Dispose() => _root.Dispose();
}
