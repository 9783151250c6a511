using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Fleet.Grains.Storage;

/// <summary>
/// Durable grain storage in one SQLite file: one row per grain state (grain type, grain id, state
/// name), the state as System.Text.Json text (no .NET type names, so renaming a type keeps old
/// state readable), and a version column that is the ETag. A write whose ETag is not the stored
/// version fails with <see cref="InconsistentStateException"/>. When a write completes, it is
/// committed. Writes go through one writer thread that commits them in batches; reads run on the
/// thread pool over pooled connections, never on Orleans' scheduler threads.
/// </summary>
public sealed class SqliteGrainStorage : IGrainStorage, IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly SqliteDatabase _database;
    private readonly SqliteStateWriter _writer;

    public SqliteGrainStorage(string databasePath, TimeProvider clock, ILogger<SqliteGrainStorage> logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(logger);
        _database = new SqliteDatabase(databasePath);
        _writer = new SqliteStateWriter(_database, clock, logger);
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var key = StateKey.From(stateName, grainId);
        var stored = await Task.Run(() => _database.Read(key)).ConfigureAwait(false);
        if (stored is null)
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        grainState.State = JsonSerializer.Deserialize<T>(stored.Payload, Json) ?? Activator.CreateInstance<T>();
        grainState.ETag = stored.Version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var payload = JsonSerializer.Serialize(grainState.State, Json);
        var write = new StateWrite(StateKey.From(stateName, grainId), ExpectedVersion(grainState.ETag), payload);
        var version = await _writer.Enqueue(write).ConfigureAwait(false);
        grainState.ETag = version!.Value.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var write = new StateWrite(StateKey.From(stateName, grainId), ExpectedVersion(grainState.ETag), payload: null);
        await _writer.Enqueue(write).ConfigureAwait(false);
        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    /// <summary>Commits what is queued and closes the file.</summary>
    public void Dispose()
    {
        _writer.Dispose();
        _database.ClearReaderPool();
    }

    // An ETag this storage did not hand out can match no row: -1 is never a stored version.
    private static long? ExpectedVersion(string? etag) =>
        etag is null ? null : long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1;
}
