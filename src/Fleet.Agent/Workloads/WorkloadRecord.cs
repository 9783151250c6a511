using System.Text.Json.Serialization;
using Fleet.Agent.Logs;
using Fleet.Agent.Usage;
using Fleet.Contracts.V1;
using Fleet.Jail;
using Google.Protobuf.WellKnownTypes;

namespace Fleet.Agent.Workloads;

/// <summary>
/// What the agent knows durably about one workload assigned to it: the spec it was given and the
/// last state it saw. Written as <c>workloads/&lt;id&gt;/record.json</c>; its existence means the
/// agent has taken the workload on, so it is never started a second time.
/// </summary>
internal sealed record WorkloadRecord
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required IReadOnlyList<string> Command { get; init; }

    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    public string Rootfs { get; init; } = string.Empty;

    public long MemoryBytes { get; init; }

    public long CpuMillis { get; init; }

    public WorkloadState State { get; init; } = WorkloadState.Pending;

    public int? ExitCode { get; init; }

    public string Reason { get; init; } = string.Empty;

    /// <summary>When the agent saw <see cref="State"/> begin.</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>The states before <see cref="State"/>, oldest first, each with when it began.</summary>
    public IReadOnlyList<WorkloadTransition> Earlier { get; init; } = [];

    /// <summary>The workload left the desired set: whatever ends it now ends it as stopped.</summary>
    public bool StopRequested { get; init; }

    /// <summary>What it used in all, read at its end before its cgroup was removed; null until then, or when it never ran.</summary>
    public WorkloadFinalUsage? FinalUsage { get; init; }

    [JsonIgnore]
    public bool IsFinished => State is WorkloadState.Exited or WorkloadState.Failed or WorkloadState.Stopped;

    public static WorkloadRecord FromAssignment(Assignment assignment, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        var spec = assignment.Spec ?? new WorkloadSpec();
        return new WorkloadRecord
        {
            Id = assignment.WorkloadId,
            Name = spec.Name,
            Command = [.. spec.Command],
            Env = new Dictionary<string, string>(spec.Env, StringComparer.Ordinal),
            Rootfs = spec.Rootfs,
            MemoryBytes = spec.Resources?.MemoryBytes ?? 0,
            CpuMillis = spec.Resources?.CpuMillis ?? 0,
            At = now,
        };
    }

    /// <summary>What the jail runtime needs to run this workload: its name is the jail's host name, its id the jail's.</summary>
    public JailSpec ToJailSpec(string rootfsPath, WorkloadLogPaths logs)
    {
        ArgumentNullException.ThrowIfNull(logs);
        return new JailSpec
        {
            Id = Id,
            Hostname = Name.Length == 0 ? Id : Name,
            Command = Command,
            Environment = Env,
            RootfsPath = rootfsPath,
            MemoryLimitBytes = MemoryBytes,
            CpuMillis = CpuMillis,
            StdoutPath = logs.Stdout,
            StderrPath = logs.Stderr,
        };
    }

    /// <summary>This record as a heartbeat reports it.</summary>
    public WorkloadStatus ToStatus()
    {
        var status = new WorkloadStatus
        {
            WorkloadId = Id,
            State = State,
            Reason = Reason,
            At = Timestamp.FromDateTimeOffset(At),
        };
        if (ExitCode is { } code)
        {
            status.ExitCode = code;
        }

        if (FinalUsage is not null)
        {
            status.FinalUsage = FinalUsage.ToProto();
        }

        status.Earlier.AddRange(Earlier.Select(transition => new StateTransition
        {
            State = transition.State,
            At = Timestamp.FromDateTimeOffset(transition.At),
            Reason = transition.Reason,
        }));

        return status;
    }
}
