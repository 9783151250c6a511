namespace Fleet.Scheduling;

/// <summary>Why one node cannot take a workload, in words an operator reads ("needs 0.5 CPU, 0.25 free").</summary>
public sealed record NodeRejection(string NodeId, string Reason)
{
    /// <summary>The filter that rejected it; null for rejections made outside the <see cref="Placer"/> (first fit, a node's own refusal).</summary>
    public PlacementFilter? Filter { get; init; }

    public override string ToString() => $"{NodeId}: {Reason}";
}
