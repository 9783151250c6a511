using System.Text;
using Fleet.Agent.Logs;
using Fleet.Agent.Tests.Fakes;
using Fleet.Contracts.V1;

namespace Fleet.Agent.Tests.Logs;

public sealed class WorkloadLogStoreTests : IAsyncLifetime
{
    private readonly AgentHarness _harness = new();

    private WorkloadLogStore Store => _harness.Logs;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task Reads_what_each_stream_has_so_far()
    {
        var paths = Store.Prepare("w-read");
        await File.AppendAllTextAsync(paths.Stdout, "hello\nworld\n", Cancel);
        await File.AppendAllTextAsync(paths.Stderr, "oops\n", Cancel);

        var chunks = await ReadAllAsync("w-read", follow: false, () => false, Cancel);

        Assert.Equal("hello\nworld\n", Text(chunks, LogStream.Stdout));
        Assert.Equal("oops\n", Text(chunks, LogStream.Stderr));
    }

    [Fact]
    public async Task Splits_large_output_into_chunks_of_at_most_64_KiB()
    {
        var paths = Store.Prepare("w-big");
        var data = new byte[150_000];
        new Random(7).NextBytes(data);
        await File.WriteAllBytesAsync(paths.Stdout, data, Cancel);

        var chunks = await ReadAllAsync("w-big", follow: false, () => false, Cancel);

        Assert.Equal([65536, 65536, 150_000 - 131072], chunks.Select(chunk => chunk.Data.Length));
        Assert.Equal(data, chunks.SelectMany(chunk => chunk.Data.ToByteArray()));
    }

    [Fact]
    public async Task Following_sends_new_output_until_the_workload_has_finished_and_the_files_are_drained()
    {
        var paths = Store.Prepare("w-follow");
        await File.AppendAllTextAsync(paths.Stdout, "one\n", Cancel);
        var finished = false;
        var received = new List<LogChunk>();
        var reading = Task.Run(async () =>
        {
            await foreach (var chunk in Store.ReadAsync("w-follow", follow: true, () => Volatile.Read(ref finished), Cancel))
            {
                lock (received)
                {
                    received.Add(chunk);
                }
            }
        }, Cancel);

        await Eventually.TrueAsync(() => Received() == "one\n", "the first line arrives");
        await File.AppendAllTextAsync(paths.Stdout, "two\n", Cancel);
        await Eventually.TrueAsync(() => Received() == "one\ntwo\n", "the second line arrives");
        await Task.Delay(300, Cancel);
        Assert.False(reading.IsCompleted, "a follower of a running workload keeps waiting");

        // The last words and the end land together: the follower must still send them.
        await File.AppendAllTextAsync(paths.Stdout, "three\n", Cancel);
        await File.AppendAllTextAsync(paths.Stderr, "bye\n", Cancel);
        Volatile.Write(ref finished, true);

        await reading.WaitAsync(TimeSpan.FromSeconds(10), Cancel);
        Assert.Equal("one\ntwo\nthree\n", Received());
        Assert.Equal("bye\n", Text(received, LogStream.Stderr));

        string Received()
        {
            lock (received)
            {
                return Text(received, LogStream.Stdout);
            }
        }
    }

    [Fact]
    public async Task Following_ends_when_the_reader_cancels()
    {
        Store.Prepare("w-cancel");
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ReadAllAsync("w-cancel", follow: true, () => false, cancel.Token));
    }

    [Fact]
    public async Task Files_that_do_not_exist_yet_read_as_empty()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Store.PathsOf("w-early").Stdout)!);

        var chunks = await ReadAllAsync("w-early", follow: false, () => true, Cancel);

        Assert.Empty(chunks);
        Assert.True(Store.Exists("w-early"));
        Assert.False(Store.Exists("w-never"));
    }

    private async Task<List<LogChunk>> ReadAllAsync(string id, bool follow, Func<bool> finished, CancellationToken cancellationToken)
    {
        var chunks = new List<LogChunk>();
        await foreach (var chunk in Store.ReadAsync(id, follow, finished, cancellationToken))
        {
            Assert.InRange(chunk.Data.Length, 1, WorkloadLogStore.MaxChunkBytes);
            chunks.Add(chunk);
        }

        return chunks;
    }

    private static string Text(IEnumerable<LogChunk> chunks, LogStream stream) =>
        Encoding.UTF8.GetString([.. chunks.Where(chunk => chunk.Stream == stream).SelectMany(chunk => chunk.Data.ToByteArray())]);
}
