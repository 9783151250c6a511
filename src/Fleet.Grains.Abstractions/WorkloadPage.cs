using System.Collections.Immutable;

namespace Fleet.Grains;

/// <summary>One page of workload ids, newest first; <see cref="NextPageToken"/> is null on the last page.</summary>
[GenerateSerializer, Immutable, Alias("fleet.WorkloadPage")]
public sealed record WorkloadPage(
    [property: Id(0)] ImmutableArray<string> Ids,
    [property: Id(1)] string? NextPageToken);
