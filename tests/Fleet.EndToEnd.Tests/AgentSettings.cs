namespace Fleet.EndToEnd.Tests;

/// <summary>How a test wants one of its agents: its node name and, optionally, a smaller capacity than the host's.</summary>
internal sealed record AgentSettings(string NodeId, long? CpuMillis = null, long? MemoryBytes = null);
