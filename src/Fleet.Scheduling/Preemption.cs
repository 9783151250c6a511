namespace Fleet.Scheduling;

/// <summary>A workload to evict so that a higher-priority one fits, and the reason its event records.</summary>
/// <param name="WorkloadId">The victim.</param>
/// <param name="NodeId">The node it runs on, where the new workload goes.</param>
/// <param name="Priority">The victim's priority, always below the new workload's.</param>
/// <param name="Reason">E.g. "preempted by w-1 (priority 100) to make room for 0.5 CPU".</param>
public sealed record Preemption(string WorkloadId, string NodeId, int Priority, string Reason);
