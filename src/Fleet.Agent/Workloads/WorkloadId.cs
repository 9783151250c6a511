namespace Fleet.Agent.Workloads;

/// <summary>
/// The shape of a workload id the agent accepts. Ids name directories on the host and the jail's
/// cgroup (JailSpec.Id), so anything beyond [a-z0-9-] is refused before it reaches a path.
/// </summary>
internal static class WorkloadId
{
    public const int MaxLength = 63;

    public const string Rule = "must be 1-63 characters of a-z, 0-9 and '-'";

    public static bool IsValid(string? id) =>
        !string.IsNullOrEmpty(id) &&
        id.Length <= MaxLength &&
        id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
