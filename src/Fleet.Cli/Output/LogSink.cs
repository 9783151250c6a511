using System.Text;
using Fleet.Contracts.V1;

namespace Fleet.Cli.Output;

/// <summary>
/// Writes a workload's log chunks where they came from: its stdout to ours, its stderr to ours.
/// Each stream keeps its own UTF-8 decoder, so a character split across two chunks is not broken.
/// </summary>
internal sealed class LogSink
{
    private readonly TextWriter _stdout;
    private readonly TextWriter _stderr;
    private readonly Decoder _stdoutDecoder = new UTF8Encoding(false).GetDecoder();
    private readonly Decoder _stderrDecoder = new UTF8Encoding(false).GetDecoder();

    public LogSink(TextWriter stdout, TextWriter stderr)
    {
        _stdout = stdout;
        _stderr = stderr;
    }

    public async Task WriteAsync(LogChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var (writer, decoder) = chunk.Stream == LogStream.Stderr ? (_stderr, _stderrDecoder) : (_stdout, _stdoutDecoder);
        var bytes = chunk.Data.Span;
        var chars = new char[decoder.GetCharCount(bytes, flush: false)];
        var count = decoder.GetChars(bytes, chars, flush: false);
        await writer.WriteAsync(chars.AsMemory(0, count));
        await writer.FlushAsync();
    }
}
