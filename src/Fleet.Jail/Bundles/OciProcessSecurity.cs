namespace Fleet.Jail.Bundles;

/// <summary>The spec's <c>process.user</c>: numeric ids inside the jail.</summary>
internal sealed record OciUser
{
    public uint Uid { get; init; }

    public uint Gid { get; init; }

    public IReadOnlyList<uint> AdditionalGids { get; init; } = [];
}

/// <summary>The spec's <c>process.capabilities</c>: each set as a list of names such as "CAP_CHOWN".</summary>
internal sealed record OciCapabilities
{
    public IReadOnlyList<string> Bounding { get; init; } = [];

    public IReadOnlyList<string> Effective { get; init; } = [];

    public IReadOnlyList<string> Permitted { get; init; } = [];

    public IReadOnlyList<string> Inheritable { get; init; } = [];

    public IReadOnlyList<string> Ambient { get; init; } = [];
}

/// <summary>One entry of the spec's <c>process.rlimits</c>.</summary>
internal sealed record OciRlimit(string Type, ulong Hard, ulong Soft);
