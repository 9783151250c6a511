using System.Collections.Immutable;
using Fleet.Domain;

namespace Fleet.Grains.Tests;

/// <summary>
/// One test's corner of a shared cluster: its own rootfs name (so only its own nodes ever fit its
/// workloads), unique node ids, workload ids and names, and short ways to drive the grains.
/// </summary>
public sealed class Scenario(IGrainFactory grains)
{
    private readonly string _tag = Guid.NewGuid().ToString("N")[..10];
    private int _counter;

    public string Rootfs => $"rootfs-{_tag}";

    public IGrainFactory Grains => grains;

    public IWorkloadIndexGrain WorkloadIndex => grains.GetGrain<IWorkloadIndexGrain>(IWorkloadIndexGrain.Key);

    public INodeIndexGrain NodeIndex => grains.GetGrain<INodeIndexGrain>(INodeIndexGrain.Key);

    public string NewNodeId(string suffix = "") => $"node-{_tag}-{Interlocked.Increment(ref _counter):D3}{suffix}";

    public string NewWorkloadId() => $"w-{_tag}{Interlocked.Increment(ref _counter):D3}";

    public INodeGrain Node(string id) => grains.GetGrain<INodeGrain>(id);

    public IWorkloadGrain Workload(string id) => grains.GetGrain<IWorkloadGrain>(id);

    /// <summary>Registers a node that offers this scenario's rootfs; registration counts as being heard from.</summary>
    public async Task<string> RegisterNode(string cpu, string memory, string? id = null)
    {
        id ??= NewNodeId();
        await Node(id).Register(Registration(cpu, memory));
        return id;
    }

    public NodeRegistration Registration(string cpu, string memory) =>
        new($"127.0.0.1:{7410 + (_counter % 100)}", Cpu(cpu), Memory(memory), [Rootfs]);

    public WorkloadSpec Spec(string cpu, string memory, string? name = null) => new(
        name ?? $"n-{_tag}-{Interlocked.Increment(ref _counter):D3}",
        ["/bin/echo", "hello"],
        Memory(memory),
        Cpu(cpu),
        Rootfs,
        ImmutableDictionary<string, string>.Empty.Add("GREETING", "hello"));

    public async Task<WorkloadSnapshot> Submit(string cpu, string memory)
    {
        var outcome = await Workload(NewWorkloadId()).Submit(Spec(cpu, memory));
        return outcome.Workload ?? throw new InvalidOperationException($"name taken by {outcome.NameTakenBy}");
    }

    public Task Report(WorkloadSnapshot workload, WorkloadPhase phase, int? exitCode = null, string reason = "", params StateChange[] earlier) =>
        Workload(workload.Id).Report(new WorkloadStatusReport(workload.NodeId!, phase, exitCode, reason, DateTimeOffset.UtcNow, [.. earlier]));

    public async Task<WorkloadSnapshot> Get(string workloadId) =>
        await Workload(workloadId).Get() ?? throw new InvalidOperationException($"workload {workloadId} does not exist");

    public async Task<NodeSnapshot> GetNode(string nodeId) =>
        await Node(nodeId).Get() ?? throw new InvalidOperationException($"node {nodeId} does not exist");

    public static long Cpu(string text) => Quantity.TryParseCpu(text, out var v) ? v : throw new ArgumentException(text, nameof(text));

    public static long Memory(string text) => Quantity.TryParseMemory(text, out var v) ? v : throw new ArgumentException(text, nameof(text));
}
