using System.Collections.Immutable;

namespace Fleet.Grains;

/// <summary>The full desired set of a node's assignments; <see cref="Version"/> rises with every change.</summary>
[GenerateSerializer, Immutable, Alias("fleet.AssignmentSet")]
public sealed record AssignmentSet(
    [property: Id(0)] long Version,
    [property: Id(1)] ImmutableArray<Assignment> Assignments);
