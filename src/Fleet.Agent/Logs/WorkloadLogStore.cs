using System.Runtime.CompilerServices;
using Fleet.Contracts.V1;
using Google.Protobuf;
using Microsoft.Extensions.Options;

namespace Fleet.Agent.Logs;

/// <summary>
/// stdout and stderr of every workload, as plain files in <c>logs/&lt;id&gt;/</c>. The jail appends
/// to them directly, so the output survives the agent, and the files outlive the workload's record.
/// </summary>
internal sealed class WorkloadLogStore(IOptions<AgentOptions> options, TimeProvider time)
{
    /// <summary>The most one chunk carries.</summary>
    public const int MaxChunkBytes = 64 * 1024;

    /// <summary>How often a follower looks for new output.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly string _directory = options.Value.LogsDirectory;

    /// <summary>Creates the workload's (empty) log files if they are missing and returns their paths.</summary>
    public WorkloadLogPaths Prepare(string workloadId)
    {
        var paths = PathsOf(workloadId);
        Directory.CreateDirectory(Path.GetDirectoryName(paths.Stdout)!);
        foreach (var path in new[] { paths.Stdout, paths.Stderr })
        {
            using var _ = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        }

        return paths;
    }

    public bool Exists(string workloadId) => Directory.Exists(Path.Combine(_directory, workloadId));

    public WorkloadLogPaths PathsOf(string workloadId)
    {
        var dir = Path.Combine(_directory, workloadId);
        return new WorkloadLogPaths(Path.Combine(dir, "stdout.log"), Path.Combine(dir, "stderr.log"));
    }

    /// <summary>
    /// What the workload has written so far, in chunks of at most <see cref="MaxChunkBytes"/>. With
    /// <paramref name="follow"/>, keeps yielding new output until <paramref name="hasFinished"/> was
    /// true before a pass that then found both files drained, or until cancelled.
    /// </summary>
    public async IAsyncEnumerable<LogChunk> ReadAsync(
        string workloadId,
        bool follow,
        Func<bool> hasFinished,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hasFinished);
        var paths = PathsOf(workloadId);
        using var stdout = new LogCursor(paths.Stdout, LogStream.Stdout);
        using var stderr = new LogCursor(paths.Stderr, LogStream.Stderr);
        var buffer = new byte[MaxChunkBytes];

        while (true)
        {
            // Read "finished" before draining: output written before the end is then surely in the files.
            var finished = !follow || hasFinished();
            foreach (var cursor in new[] { stdout, stderr })
            {
                while (cursor.Read(buffer) is > 0 and var count)
                {
                    yield return new LogChunk { Stream = cursor.Stream, Data = ByteString.CopyFrom(buffer, 0, count) };
                }
            }

            if (finished)
            {
                yield break;
            }

            await Task.Delay(PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A read position in one log file, opened once the file exists.</summary>
    private sealed class LogCursor(string path, LogStream stream) : IDisposable
    {
        private FileStream? _file;

        public LogStream Stream => stream;

        public int Read(byte[] buffer)
        {
            if (_file is null)
            {
                if (!File.Exists(path))
                {
                    return 0;
                }

                _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
            }

            return _file.Read(buffer, 0, buffer.Length);
        }

        public void Dispose() => _file?.Dispose();
    }
}
