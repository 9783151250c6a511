namespace Fleet.Scheduling;

/// <summary>Why one node cannot take a workload, in words an operator reads ("needs 0.5 CPU, 0.25 free").</summary>
public sealed record NodeRejection(string NodeId, string Reason)
{
    public override string ToString() => $"{NodeId}: {Reason}";
}
