namespace Fleet.Jail.Security;

/// <summary>One resource limit of the workload, as setrlimit(2) takes it.</summary>
/// <param name="Type">The OCI name: RLIMIT_NOFILE, RLIMIT_NPROC, RLIMIT_CORE, …</param>
/// <param name="Soft">The limit the kernel enforces; at most <paramref name="Hard"/>.</param>
/// <param name="Hard">The ceiling the workload may raise its soft limit to. Above the agent's own hard limit it needs CAP_SYS_RESOURCE, which the agent may not have.</param>
public sealed record JailRlimit(string Type, ulong Soft, ulong Hard);
