using Microsoft.Data.Sqlite;

namespace Fleet.Grains.Storage;

/// <summary>The database file: its connection strings, schema and the single-row queries.</summary>
internal sealed class SqliteDatabase
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS grain_state (
            grain_type TEXT NOT NULL,
            grain_id   TEXT NOT NULL,
            state_name TEXT NOT NULL,
            payload    TEXT NOT NULL,
            version    INTEGER NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (grain_type, grain_id, state_name)
        ) WITHOUT ROWID;
        """;

    private readonly Lock _createLock = new();
    private bool _created;

    public SqliteDatabase(string path)
    {
        Path = path;
        ReaderConnectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();

        // The writer holds one connection for its whole life; pooling it would only keep the file open longer.
        WriterConnectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
    }

    public string Path { get; }

    public string ReaderConnectionString { get; }

    public string WriterConnectionString { get; }

    /// <summary>Creates the directory, the file and the table once; WAL lets readers run beside the writer.</summary>
    public void EnsureCreated()
    {
        lock (_createLock)
        {
            if (_created)
            {
                return;
            }

            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            using var connection = new SqliteConnection(WriterConnectionString);
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=WAL;");
            Execute(connection, Schema);
            _created = true;
        }
    }

    public SqliteConnection OpenWriter()
    {
        EnsureCreated();
        var connection = new SqliteConnection(WriterConnectionString);
        connection.Open();

        // FULL: a commit is on disk when it returns, so a completed WriteStateAsync survives a power loss.
        // Several silos of one process (tests) share the file: wait for the lock rather than fail.
        Execute(connection, "PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000;");
        return connection;
    }

    public StoredState? Read(StateKey key)
    {
        EnsureCreated();
        using var connection = new SqliteConnection(ReaderConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload, version FROM grain_state WHERE grain_type = $type AND grain_id = $id AND state_name = $name;";
        AddKey(command, key);
        using var reader = command.ExecuteReader();
        return reader.Read() ? new StoredState(reader.GetString(0), reader.GetInt64(1)) : null;
    }

    public void ClearReaderPool()
    {
        using var connection = new SqliteConnection(ReaderConnectionString);
        SqliteConnection.ClearPool(connection);
    }

    public static void AddKey(SqliteCommand command, StateKey key)
    {
        command.Parameters.AddWithValue("$type", key.GrainType);
        command.Parameters.AddWithValue("$id", key.GrainId);
        command.Parameters.AddWithValue("$name", key.StateName);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
