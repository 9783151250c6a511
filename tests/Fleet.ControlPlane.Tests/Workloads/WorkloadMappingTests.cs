using System.Collections.Immutable;
using Fleet.ControlPlane.Workloads;
using Fleet.Domain;
using Fleet.Grains;
using Proto = Fleet.Contracts.V1;

namespace Fleet.ControlPlane.Tests.Workloads;

public sealed class WorkloadMappingTests
{
    [Fact]
    public void Ids_are_w_and_twelve_lower_case_base32_characters_and_dns_labels()
    {
        var ids = Enumerable.Range(0, 200).Select(_ => WorkloadIds.New()).ToList();
        Assert.All(ids, id => Assert.Matches("^w-[a-z2-7]{12}$", id));
        Assert.All(ids, id => Assert.True(DnsLabel.IsValid(WorkloadIds.DefaultName(id))));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void An_empty_name_and_rootfs_get_the_defaults()
    {
        var spec = new Proto.WorkloadSpec { Resources = new Proto.Resources { CpuMillis = 500, MemoryBytes = 1024 } };
        spec.Command.Add("/bin/true");
        spec.Env.Add("A", "1");

        var definition = WorkloadMapping.ToDefinition(spec, "w-default");
        Assert.Equal("w-default", definition.Name);
        Assert.Equal(WorkloadDefinition.DefaultRootfs, definition.Rootfs);
        Assert.Equal(new ResourceRequest(1024, 500), definition.Resources);
        Assert.Equal(["/bin/true"], definition.Command);
        Assert.Equal("1", definition.Environment["A"]);
    }

    [Fact]
    public void A_missing_spec_becomes_an_empty_definition_that_validation_rejects()
    {
        var definition = WorkloadMapping.ToDefinition(null, "w-default");
        Assert.Empty(definition.Command);
        Assert.Equal(ResourceRequest.None, definition.Resources);
    }

    [Fact]
    public void A_snapshot_maps_to_the_public_workload_with_every_field()
    {
        var at = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var spec = new WorkloadSpec("hello", ["/bin/echo", "hi"], 64L << 20, 500, "busybox", ImmutableDictionary<string, string>.Empty.Add("K", "V"));
        var snapshot = new WorkloadSnapshot(
            "w-abcdefghijkl", spec, WorkloadPhase.Exited, "node-1", 3, "exited with code 3", at,
            [new StateChange(WorkloadPhase.Pending, at, "submitted"), new StateChange(WorkloadPhase.Exited, at.AddSeconds(2), "exited with code 3")],
            Version: 4);

        var workload = snapshot.ToProto();
        Assert.Equal("w-abcdefghijkl", workload.Id);
        Assert.Equal(Proto.WorkloadState.Exited, workload.State);
        Assert.Equal("node-1", workload.NodeId);
        Assert.True(workload.HasExitCode);
        Assert.Equal(3, workload.ExitCode);
        Assert.Equal(at, workload.CreatedAt.ToDateTimeOffset());
        Assert.Equal(["/bin/echo", "hi"], workload.Spec.Command);
        Assert.Equal("V", workload.Spec.Env["K"]);
        Assert.Equal(64L << 20, workload.Spec.Resources.MemoryBytes);
        Assert.Equal([Proto.WorkloadState.Pending, Proto.WorkloadState.Exited], workload.History.Select(change => change.State));

        var change = snapshot.ToEvent();
        Assert.Equal(snapshot.Id, change.WorkloadId);
        Assert.Equal(Proto.WorkloadState.Exited, change.Transition.State);
        Assert.Equal(at.AddSeconds(2), change.Transition.At.ToDateTimeOffset());
        Assert.Equal(workload, change.Workload);
    }

    [Fact]
    public void An_unplaced_running_workload_has_no_node_and_no_exit_code()
    {
        var spec = new WorkloadSpec("x", ["/bin/true"], 1, 1, "busybox", ImmutableDictionary<string, string>.Empty);
        var workload = new WorkloadSnapshot("w-x", spec, WorkloadPhase.Pending, null, null, "", DateTimeOffset.UnixEpoch, [], 1).ToProto();
        Assert.Equal("", workload.NodeId);
        Assert.False(workload.HasExitCode);
    }

    [Theory]
    [InlineData(WorkloadPhase.Pending, Proto.WorkloadState.Pending)]
    [InlineData(WorkloadPhase.Starting, Proto.WorkloadState.Starting)]
    [InlineData(WorkloadPhase.Running, Proto.WorkloadState.Running)]
    [InlineData(WorkloadPhase.Exited, Proto.WorkloadState.Exited)]
    [InlineData(WorkloadPhase.Failed, Proto.WorkloadState.Failed)]
    [InlineData(WorkloadPhase.Stopped, Proto.WorkloadState.Stopped)]
    public void Phases_and_states_map_both_ways(WorkloadPhase phase, Proto.WorkloadState state)
    {
        Assert.Equal(state, phase.ToProto());
        Assert.Equal(phase, state.ToPhase());
    }

    [Fact]
    public void The_unspecified_state_has_no_phase() => Assert.Null(Proto.WorkloadState.Unspecified.ToPhase());

    [Fact]
    public void Cluster_limits_are_the_largest_node_per_resource_and_every_rootfs()
    {
        NodeSnapshot Node(string id, long cpu, long memory, params string[] rootfs) =>
            new(id, "127.0.0.1:1", cpu, memory, 0, 0, Ready: false, null, 0, [.. rootfs]);

        var limits = new[] { Node("a", 4000, 1L << 30, "busybox"), Node("b", 1000, 8L << 30, "alpine") }.ToClusterLimits();
        Assert.Equal(new ResourceRequest(8L << 30, 4000), limits.LargestNode);
        Assert.Equal(["alpine", "busybox"], limits.KnownRootfs.Order(StringComparer.Ordinal));

        Assert.Same(WorkloadValidation.ClusterLimits.Unknown, Array.Empty<NodeSnapshot>().ToClusterLimits());
    }
}
