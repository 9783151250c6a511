namespace Fleet.Jail.Security;

/// <summary>The numeric user and groups the workload runs as inside its jail (no name lookup in the image).</summary>
/// <param name="Uid">User id; 0 (root) by default.</param>
/// <param name="Gid">Primary group id; 0 by default.</param>
public sealed record JailUser(uint Uid = 0, uint Gid = 0)
{
    /// <summary>root:root with no supplementary groups.</summary>
    public static JailUser Root { get; } = new();

    /// <summary>Supplementary groups; none by default (the agent's own groups are never inherited).</summary>
    public IReadOnlyList<uint> AdditionalGids { get; init; } = [];
}
