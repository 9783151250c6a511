namespace Fleet.Jail;

/// <summary>Everything the runtime needs to start one jail.</summary>
public sealed record JailSpec
{
    /// <summary>Unique on the node; names the jail's cgroup and state directory. [a-z0-9-] only.</summary>
    public required string Id { get; init; }

    /// <summary>The jail's host name (its own UTS namespace).</summary>
    public required string Hostname { get; init; }

    /// <summary>The program and its arguments; a bare name is looked up on the jail's PATH.</summary>
    public required IReadOnlyList<string> Command { get; init; }

    /// <summary>Environment of the program. PATH defaults to the usual system directories.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Host directory holding the root file system. It is never written: the jail writes to an overlay above it.</summary>
    public required string RootfsPath { get; init; }

    /// <summary>Memory limit in bytes; 0 for none.</summary>
    public long MemoryLimitBytes { get; init; }

    /// <summary>CPU limit in thousandths of a core (CFS quota over a 100 ms period); 0 for none.</summary>
    public long CpuMillis { get; init; }

    /// <summary>Host file the program's stdout is appended to.</summary>
    public required string StdoutPath { get; init; }

    /// <summary>Host file the program's stderr is appended to.</summary>
    public required string StderrPath { get; init; }
}
