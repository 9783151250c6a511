using Fleet.ControlPlane.Workloads;
using Fleet.Domain;
using Proto = Fleet.Contracts.V1;

namespace Fleet.ControlPlane.Agents;

/// <summary>The rules of the agent API's requests; field names are the proto paths.</summary>
internal static class AgentRequestValidation
{
    public static List<FieldViolation> Validate(Proto.RegisterRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var violations = new List<FieldViolation>();
        if (!DnsLabel.IsValid(request.NodeId))
        {
            violations.Add(new("node_id", $"'{request.NodeId}' {DnsLabel.Rule}"));
        }

        if (!AgentAddress.IsValid(request.Address))
        {
            violations.Add(new("address", $"'{request.Address}' {AgentAddress.Rule}"));
        }

        if (request.Capacity is not { CpuMillis: > 0 })
        {
            violations.Add(new("capacity.cpu_millis", "must be greater than zero"));
        }

        if (request.Capacity is not { MemoryBytes: > 0 })
        {
            violations.Add(new("capacity.memory_bytes", "must be greater than zero"));
        }

        for (var i = 0; i < request.RootfsNames.Count; i++)
        {
            var name = request.RootfsNames[i];
            if (name.Length == 0 || name is "." or ".." || name.Contains('/', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal))
            {
                violations.Add(new($"rootfs_names[{i}]", $"'{name}' must be a directory name: non-empty, not . or .., no '/'"));
            }
        }

        return violations;
    }

    public static List<FieldViolation> Validate(Proto.HeartbeatRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var violations = new List<FieldViolation>();
        if (string.IsNullOrEmpty(request.NodeId))
        {
            violations.Add(new("node_id", "must name the node"));
        }

        for (var i = 0; i < request.Workloads.Count; i++)
        {
            var status = request.Workloads[i];
            if (string.IsNullOrEmpty(status.WorkloadId))
            {
                violations.Add(new($"workloads[{i}].workload_id", "must name the workload"));
            }

            if (status.State.ToPhase() is null)
            {
                violations.Add(new($"workloads[{i}].state", $"must be a workload state, not {status.State}"));
            }

            for (var j = 0; j < status.Earlier.Count; j++)
            {
                if (status.Earlier[j].State.ToPhase() is null)
                {
                    violations.Add(new($"workloads[{i}].earlier[{j}].state", $"must be a workload state, not {status.Earlier[j].State}"));
                }
            }
        }

        for (var i = 0; i < request.Usage.Count; i++)
        {
            if (string.IsNullOrEmpty(request.Usage[i].WorkloadId))
            {
                violations.Add(new($"usage[{i}].workload_id", "must name the workload"));
            }
        }

        return violations;
    }
}
