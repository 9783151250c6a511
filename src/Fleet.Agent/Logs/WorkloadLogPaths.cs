namespace Fleet.Agent.Logs;

/// <summary>The host files a workload's stdout and stderr are appended to.</summary>
internal sealed record WorkloadLogPaths(string Stdout, string Stderr);
