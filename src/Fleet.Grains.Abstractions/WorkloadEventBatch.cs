using System.Collections.Immutable;

namespace Fleet.Grains;

/// <summary>
/// Events after a sequence number. <see cref="Gap"/> is true when some were dropped from the
/// in-memory ring (or the index restarted): the watcher should re-read current state.
/// </summary>
[GenerateSerializer, Immutable, Alias("fleet.WorkloadEventBatch")]
public sealed record WorkloadEventBatch(
    [property: Id(0)] ImmutableArray<WorkloadEvent> Events,
    [property: Id(1)] long LastSequence,
    [property: Id(2)] bool Gap);
