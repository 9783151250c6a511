using Fleet.ControlPlane.Workloads;
using Fleet.Grains;
using Proto = Fleet.Contracts.V1;

namespace Fleet.ControlPlane.Agents;

/// <summary>A node's desired set as the agent API sends it.</summary>
internal static class AssignmentMapping
{
    public static Proto.AssignmentSet ToProto(this AssignmentSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var proto = new Proto.AssignmentSet { Version = set.Version };
        if (!set.Assignments.IsDefault)
        {
            proto.Assignments.AddRange(set.Assignments.Select(assignment =>
                new Proto.Assignment { WorkloadId = assignment.WorkloadId, Spec = assignment.Spec.ToProto() }));
        }

        return proto;
    }
}
