using Fleet.Contracts.V1;

namespace Fleet.Agent.Workloads;

/// <summary>One workload's status as put into a heartbeat, with the revision it reflects so its delivery can be acknowledged.</summary>
internal sealed record WorkloadStatusReport(WorkloadStatus Status, long Revision);
