namespace Fleet.Scheduling;

/// <summary>
/// How many evaluated nodes one filter rejected, and why in words ("not enough CPU"). Resources are
/// counted per dimension, so a node short of CPU and memory counts under both (as Nomad's
/// "dimension exhausted").
/// </summary>
public sealed record FilterCount(PlacementFilter Filter, string Description, int Nodes)
{
    public override string ToString() => $"{Description} on {Nodes} node{(Nodes == 1 ? string.Empty : "s")}";
}
