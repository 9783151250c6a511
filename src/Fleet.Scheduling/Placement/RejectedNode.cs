namespace Fleet.Scheduling.Placement;

/// <summary>A node a run rejected: which filter, and which constraint, affinity, spread, port or resources (a bit mask) failed.</summary>
internal readonly record struct RejectedNode(int Node, PlacementFilter Filter, int Detail);
