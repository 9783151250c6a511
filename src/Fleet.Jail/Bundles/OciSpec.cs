namespace Fleet.Jail.Bundles;

/// <summary>
/// The subset of the OCI runtime-spec <c>config.json</c> that Fleet writes and its init reads.
/// Field names follow the spec, so the same bundle documents itself to anyone who knows runc.
/// </summary>
internal sealed record OciSpec
{
    public string OciVersion { get; init; } = "1.2.0";

    public required OciProcess Process { get; init; }

    public required OciRoot Root { get; init; }

    public string? Hostname { get; init; }

    /// <summary>Fleet's own settings that the spec has no field for; keys in <see cref="FleetAnnotations"/>.</summary>
    public Dictionary<string, string> Annotations { get; init; } = [];

    public required OciLinux Linux { get; init; }

    public string? Annotation(string key) => Annotations.TryGetValue(key, out var value) ? value : null;
}

/// <summary>The workload's process.</summary>
internal sealed record OciProcess
{
    public bool Terminal { get; init; }

    public required IReadOnlyList<string> Args { get; init; }

    /// <summary>"NAME=value" entries.</summary>
    public IReadOnlyList<string> Env { get; init; } = [];

    /// <summary>Working directory inside the jail; absolute.</summary>
    public string Cwd { get; init; } = "/";

    public OciUser User { get; init; } = new();

    /// <summary>Null means no capabilities at all (Fleet always writes them; a bundle from elsewhere may not).</summary>
    public OciCapabilities? Capabilities { get; init; }

    public bool NoNewPrivileges { get; init; }

    public IReadOnlyList<OciRlimit> Rlimits { get; init; } = [];

    /// <summary>Null: inherited from the runtime.</summary>
    public int? OomScoreAdj { get; init; }
}

/// <summary>The root file system.</summary>
internal sealed record OciRoot
{
    /// <summary>Relative to the bundle: where the overlay of the read-only lower dir is mounted inside the jail's mount namespace.</summary>
    public string Path { get; init; } = "rootfs";

    public bool Readonly { get; init; }
}
