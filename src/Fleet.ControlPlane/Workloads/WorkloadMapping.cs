using System.Collections.Immutable;
using Fleet.Domain;
using Fleet.Grains;
using Google.Protobuf.WellKnownTypes;
using Proto = Fleet.Contracts.V1;

namespace Fleet.ControlPlane.Workloads;

/// <summary>Between the public API's messages, the domain's definition and the grains' records.</summary>
internal static class WorkloadMapping
{
    /// <summary>
    /// The definition a request asks for, with the API's defaults filled in: the default rootfs
    /// when none is named and <paramref name="defaultName"/> when no name is given. A missing
    /// spec or resources become zeros, which validation then rejects field by field.
    /// </summary>
    public static WorkloadDefinition ToDefinition(Proto.WorkloadSpec? spec, string defaultName)
    {
        spec ??= new Proto.WorkloadSpec();
        return new WorkloadDefinition(
            Name: spec.Name.Length == 0 ? defaultName : spec.Name,
            Command: [.. spec.Command],
            Resources: new ResourceRequest(spec.Resources?.MemoryBytes ?? 0, spec.Resources?.CpuMillis ?? 0),
            Rootfs: spec.Rootfs.Length == 0 ? WorkloadDefinition.DefaultRootfs : spec.Rootfs,
            Environment: spec.Env.ToDictionary(StringComparer.Ordinal));
    }

    public static WorkloadSpec ToGrainSpec(this WorkloadDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new WorkloadSpec(
            definition.Name,
            [.. definition.Command],
            definition.Resources.MemoryBytes,
            definition.Resources.CpuMillis,
            definition.Rootfs,
            definition.Environment.ToImmutableDictionary(StringComparer.Ordinal));
    }

    public static Proto.WorkloadSpec ToProto(this WorkloadSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var proto = new Proto.WorkloadSpec
        {
            Name = spec.Name,
            Resources = new Proto.Resources { MemoryBytes = spec.MemoryBytes, CpuMillis = spec.CpuMillis },
            Rootfs = spec.Rootfs,
        };
        proto.Command.AddRange(spec.Command);
        proto.Env.Add(spec.Environment);
        return proto;
    }

    public static Proto.Workload ToProto(this WorkloadSnapshot workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var proto = new Proto.Workload
        {
            Id = workload.Id,
            Spec = workload.Spec.ToProto(),
            State = workload.Phase.ToProto(),
            NodeId = workload.NodeId ?? "",
            Reason = workload.Reason,
            CreatedAt = Timestamp.FromDateTimeOffset(workload.CreatedAt),
        };
        if (workload.ExitCode is { } exitCode)
        {
            proto.ExitCode = exitCode;
        }

        proto.History.AddRange(workload.History.Select(ToProto));
        return proto;
    }

    public static Proto.StateTransition ToProto(this StateChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return new Proto.StateTransition
        {
            State = change.Phase.ToProto(),
            At = Timestamp.FromDateTimeOffset(change.At),
            Reason = change.Reason,
        };
    }

    /// <summary>The event that tells a watcher the workload's latest transition and its state after it.</summary>
    public static Proto.WorkloadEvent ToEvent(this WorkloadSnapshot workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var last = workload.History.IsDefaultOrEmpty
            ? new StateChange(workload.Phase, workload.CreatedAt, workload.Reason)
            : workload.History[^1];
        return new Proto.WorkloadEvent
        {
            WorkloadId = workload.Id,
            Transition = last.ToProto(),
            Workload = workload.ToProto(),
        };
    }
}
