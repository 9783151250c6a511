using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fleet.Grains.Nodes;

/// <summary>
/// The cluster's cached view of its nodes, for listing and placement. Node grains publish to it
/// one-way; it stores only the set of node ids and, on activation, asks each node for its state.
/// Readiness is judged when asked, from the last heartbeat, so a node that goes silent shows as
/// down without anyone telling the index.
/// </summary>
internal sealed partial class NodeIndexGrain(
    [PersistentState("nodes", FleetStorage.Name)] IPersistentState<NodeIndexState> state,
    IOptions<FleetGrainOptions> options,
    [FromKeyedServices(FleetClock.Key)] TimeProvider clock,
    ILogger<NodeIndexGrain> logger) : Grain, INodeIndexGrain
{
    private readonly Dictionary<string, NodeSnapshot> _nodes = new(StringComparer.Ordinal);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Node grains never wait on this grain, so asking them here cannot close a call cycle.
        var known = await Task.WhenAll(state.State.NodeIds.Select(id => GrainFactory.GetGrain<INodeGrain>(id).Get()));
        foreach (var node in known)
        {
            if (node is not null)
            {
                _nodes.TryAdd(node.Id, node);
            }
        }

        LogActivated(logger, _nodes.Count);
    }

    public async Task Publish(NodeSnapshot node)
    {
        ArgumentNullException.ThrowIfNull(node);
        _nodes[node.Id] = node;
        if (state.State.NodeIds.Add(node.Id))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<ImmutableArray<NodeSnapshot>> List()
    {
        var now = clock.GetUtcNow();
        var timeout = options.Value.NodeHeartbeatTimeout;
        var nodes = _nodes.Values
            .OrderBy(n => n.Id, StringComparer.Ordinal)
            .Select(n => n with { Ready = n.LastHeartbeat is { } last && now - last <= timeout })
            .ToImmutableArray();
        return Task.FromResult(nodes);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Node index activated with {Count} nodes")]
    private static partial void LogActivated(ILogger logger, int count);
}
