namespace Fleet.Grains.Nodes;

/// <summary>What the node index stores: only which nodes exist; their details live in their own grains.</summary>
[GenerateSerializer, Alias("fleet.NodeIndexState")]
internal sealed class NodeIndexState
{
    [Id(0)]
    public HashSet<string> NodeIds { get; set; } = new(StringComparer.Ordinal);
}
