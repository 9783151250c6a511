using Fleet.Contracts.V1;

namespace Fleet.Agent.Workloads;

/// <summary>A state a workload was in on this node, when it began and why.</summary>
internal sealed record WorkloadTransition(WorkloadState State, DateTimeOffset At, string Reason);
