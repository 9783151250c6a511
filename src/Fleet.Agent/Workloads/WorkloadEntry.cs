using Fleet.Jail;

namespace Fleet.Agent.Workloads;

/// <summary>The reconciler's in-memory view of one workload; every field is guarded by the reconciler's lock.</summary>
internal sealed class WorkloadEntry(WorkloadRecord record)
{
    public WorkloadRecord Record { get; set; } = record;

    /// <summary>The jail, from start (or recovery) until it is disposed.</summary>
    public IJail? Jail { get; set; }

    /// <summary>Rises (from one counter shared by every entry) with each change of <see cref="Record"/>.</summary>
    public long Revision { get; set; }

    /// <summary>The highest revision a successful heartbeat carried.</summary>
    public long DeliveredRevision { get; set; }

    /// <summary>This process has tried to start the workload; pending records left by a crash before that may still be started.</summary>
    public bool StartAttempted { get; set; }

    public bool StopIssued { get; set; }

    public bool Disposing { get; set; }
}
