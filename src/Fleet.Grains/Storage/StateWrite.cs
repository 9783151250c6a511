namespace Fleet.Grains.Storage;

/// <summary>
/// One queued write or delete for the writer's next transaction. <see cref="Completion"/> ends
/// after the transaction that holds it has committed, with the new version (null after a delete).
/// </summary>
/// <param name="ExpectedVersion">The version the caller last saw; null when it believes no row exists.</param>
/// <param name="Payload">The new JSON payload; null deletes the row.</param>
internal sealed class StateWrite(StateKey key, long? expectedVersion, string? payload)
{
    public StateKey Key { get; } = key;

    public long? ExpectedVersion { get; } = expectedVersion;

    public string? Payload { get; } = payload;

    public TaskCompletionSource<long?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
