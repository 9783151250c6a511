namespace Fleet.Grains.Storage;

/// <summary>One row as read: the JSON payload and its version, which is the ETag.</summary>
internal sealed record StoredState(string Payload, long Version);
