using System.Globalization;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Fleet.Grains.Storage;

/// <summary>
/// The database's only writer: a dedicated thread that takes every write queued since its last
/// commit and applies them in one transaction (group commit), then completes each caller's task.
/// Microsoft.Data.Sqlite's "async" calls run synchronously; doing them here keeps the blocking
/// and the fsync off Orleans' scheduler threads, and one fsync serves a whole batch.
/// </summary>
internal sealed partial class SqliteStateWriter : IDisposable
{
    private const int MaxBatch = 512;


    private readonly SqliteDatabase _database;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly Channel<StateWrite> _queue = Channel.CreateUnbounded<StateWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Thread _thread;

    public SqliteStateWriter(SqliteDatabase database, TimeProvider clock, ILogger logger)
    {
        _database = database;
        _clock = clock;
        _logger = logger;
        _thread = new Thread(Run) { IsBackground = true, Name = "fleet-sqlite-writer" };
        _thread.Start();
    }

    /// <summary>Queues the write; the task ends once it is committed, with the row's new version.</summary>
    public Task<long?> Enqueue(StateWrite write)
    {
        if (!_queue.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(nameof(SqliteStateWriter), "The grain storage is shut down.");
        }

        return write.Completion.Task;
    }

    /// <summary>Commits what is queued, then stops the thread.</summary>
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        if (!_thread.Join(TimeSpan.FromSeconds(30)))
        {
            LogWriterStuck(_logger, _database.Path);
        }
    }

    private void Run()
    {
        SqliteConnection? connection = null;
        var batch = new List<StateWrite>(MaxBatch);
        try
        {
            while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var write))
                {
                    batch.Add(write);
                }

                try
                {
                    connection ??= _database.OpenWriter();
                    Commit(connection, batch);
                }
                catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException or InvalidOperationException)
                {
                    // The whole transaction rolled back: fail every caller; a broken connection is reopened next time.
                    LogCommitFailed(_logger, ex, _database.Path, batch.Count);
                    foreach (var write in batch)
                    {
                        write.Completion.TrySetException(ex);
                    }

                    connection?.Dispose();
                    connection = null;
                }

                batch.Clear();
            }
        }
        finally
        {
            connection?.Dispose();
        }
    }

    private void Commit(SqliteConnection connection, List<StateWrite> batch)
    {
        var results = new (long? Version, Exception? Error)[batch.Count];
        using (var transaction = connection.BeginTransaction())
        {
            var updatedAt = _clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
            for (var i = 0; i < batch.Count; i++)
            {
                results[i] = Apply(connection, transaction, batch[i], updatedAt);
            }

            transaction.Commit();
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (results[i].Error is { } error)
            {
                batch[i].Completion.TrySetException(error);
            }
            else
            {
                batch[i].Completion.TrySetResult(results[i].Version);
            }
        }

        LogCommitted(_logger, batch.Count);
    }

    private static (long? Version, Exception? Error) Apply(SqliteConnection connection, SqliteTransaction transaction, StateWrite write, string updatedAt)
    {
        var stored = StoredVersion(connection, transaction, write.Key);
        if (stored != write.ExpectedVersion)
        {
            // A conflict fails only this write; the rest of the batch still commits.
            return (null, new InconsistentStateException(
                $"Version conflict on {write.Key}: stored {Describe(stored)}, the grain expected {Describe(write.ExpectedVersion)}.",
                stored?.ToString(CultureInfo.InvariantCulture),
                write.ExpectedVersion?.ToString(CultureInfo.InvariantCulture)));
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        SqliteDatabase.AddKey(command, write.Key);
        if (write.Payload is null)
        {
            command.CommandText = "DELETE FROM grain_state WHERE grain_type = $type AND grain_id = $id AND state_name = $name;";
            command.ExecuteNonQuery();
            return (null, null);
        }

        var version = (stored ?? 0) + 1;
        command.CommandText = """
            INSERT INTO grain_state (grain_type, grain_id, state_name, payload, version, updated_at)
            VALUES ($type, $id, $name, $payload, $version, $updated)
            ON CONFLICT (grain_type, grain_id, state_name)
            DO UPDATE SET payload = excluded.payload, version = excluded.version, updated_at = excluded.updated_at;
            """;
        command.Parameters.AddWithValue("$payload", write.Payload);
        command.Parameters.AddWithValue("$version", version);
        command.Parameters.AddWithValue("$updated", updatedAt);
        command.ExecuteNonQuery();
        return (version, null);
    }

    private static long? StoredVersion(SqliteConnection connection, SqliteTransaction transaction, StateKey key)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT version FROM grain_state WHERE grain_type = $type AND grain_id = $id AND state_name = $name;";
        SqliteDatabase.AddKey(command, key);
        return command.ExecuteScalar() is long version ? version : null;
    }

    private static string Describe(long? version) => version is { } v ? $"version {v}" : "no row";

    [LoggerMessage(Level = LogLevel.Error, Message = "Committing {Count} grain state writes to {Path} failed")]
    private static partial void LogCommitFailed(ILogger logger, Exception exception, string path, int count);

    [LoggerMessage(Level = LogLevel.Trace, Message = "Committed {Count} grain state writes")]
    private static partial void LogCommitted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The grain state writer of {Path} did not stop within 30 seconds")]
    private static partial void LogWriterStuck(ILogger logger, string path);
}
