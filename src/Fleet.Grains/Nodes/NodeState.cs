namespace Fleet.Grains.Nodes;

/// <summary>What a node grain stores. Liveness is not here: a durable write per heartbeat would not scale.</summary>
[GenerateSerializer, Alias("fleet.NodeState")]
internal sealed class NodeState
{
    /// <summary>Null until the node's agent registers.</summary>
    [Id(0)]
    public NodeRegistration? Registration { get; set; }

    /// <summary>The desired set, by workload id.</summary>
    [Id(1)]
    public Dictionary<string, Assignment> Assignments { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Rises with every change of <see cref="Assignments"/>.</summary>
    [Id(2)]
    public long Version { get; set; }
}
