using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fleet.Agent.Workloads;

/// <summary>
/// Workload records on disk, one directory per workload. Every write goes to a temporary file that
/// is flushed to the device and renamed over the record, so a crash leaves the old or the new
/// record, never half of one.
/// </summary>
internal sealed partial class WorkloadRecordStore(IOptions<AgentOptions> options, ILogger<WorkloadRecordStore> logger)
{
    private const string FileName = "record.json";

    private readonly string _directory = options.Value.WorkloadsDirectory;

    public void Save(WorkloadRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var dir = Path.Combine(_directory, record.Id);
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, FileName);
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, record, WorkloadRecordJsonContext.Default.WorkloadRecord);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    public void Delete(string id)
    {
        var dir = Path.Combine(_directory, id);
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Every readable record. An unreadable one is logged and left in place for an operator to look at.</summary>
    public IReadOnlyList<WorkloadRecord> LoadAll()
    {
        if (!Directory.Exists(_directory))
        {
            return [];
        }

        var records = new List<WorkloadRecord>();
        foreach (var dir in Directory.EnumerateDirectories(_directory))
        {
            var path = Path.Combine(dir, FileName);
            if (!File.Exists(path))
            {
                continue;
            }

            try
            {
                using var stream = File.OpenRead(path);
                var record = JsonSerializer.Deserialize(stream, WorkloadRecordJsonContext.Default.WorkloadRecord);
                if (record is not null && record.Id == Path.GetFileName(dir))
                {
                    records.Add(record);
                }
                else
                {
                    LogUnreadable(path, "its id does not match its directory");
                }
            }
            catch (JsonException ex)
            {
                LogUnreadable(path, ex.Message);
            }
        }

        return records;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipping workload record {Path}: {Problem}")]
    private partial void LogUnreadable(string path, string problem);
}
