using Fleet.Cli.Tests.Fakes;
using Fleet.Contracts.V1;
using Google.Protobuf;

namespace Fleet.Cli.Tests.Commands;

public sealed class LogsCommandTests
{
    [Fact]
    public async Task Logs_writes_stdout_chunks_to_stdout_and_stderr_chunks_to_stderr()
    {
        await using var server = await FakeControlPlane.StartAsync();
        var workload = server.Workloads.Add("hello", WorkloadState.Exited);
        server.Workloads.Logs[workload.Id] =
        [
            Chunk(LogStream.Stdout, "line 1\n"u8),
            Chunk(LogStream.Stderr, "warning\n"u8),
            Chunk(LogStream.Stdout, "line 2\n"u8),
        ];

        var result = await InProcessCli.RunAsync(server, "logs", workload.Id);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal("line 1\nline 2\n", result.Output);
        Assert.Equal("warning\n", result.Error);
        Assert.False(Assert.Single(server.Workloads.LogRequests).Follow);
    }

    [Fact]
    public async Task A_character_split_across_two_chunks_is_written_whole()
    {
        await using var server = await FakeControlPlane.StartAsync();
        var workload = server.Workloads.Add("utf8", WorkloadState.Exited);
        byte[] text = [.. "caf"u8, 0xC3, 0xA9, (byte)'\n'];
        server.Workloads.Logs[workload.Id] = [Chunk(LogStream.Stdout, text.AsSpan(0, 4)), Chunk(LogStream.Stdout, text.AsSpan(4))];

        var result = await InProcessCli.RunAsync(server, "logs", "utf8");

        Assert.Equal("café\n", result.Output);
    }

    [Fact]
    public async Task Follow_asks_the_server_to_follow()
    {
        await using var server = await FakeControlPlane.StartAsync();
        var workload = server.Workloads.Add("hello");
        server.Workloads.Logs[workload.Id] = [Chunk(LogStream.Stdout, "x\n"u8)];

        var result = await InProcessCli.RunAsync(server, "logs", "-f", "hello");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.True(Assert.Single(server.Workloads.LogRequests).Follow);
    }

    [Fact]
    public async Task Interrupting_a_followed_stream_exits_130_after_writing_what_came()
    {
        await using var server = await FakeControlPlane.StartAsync();
        var workload = server.Workloads.Add("hello");
        server.Workloads.Logs[workload.Id] = [Chunk(LogStream.Stdout, "x\n"u8)];
        server.Workloads.HoldLogStreamOpen = true;
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        interrupt.CancelAfter(TimeSpan.FromMilliseconds(500));

        var result = await InProcessCli.RunInterruptibleAsync(["--server", server.Address, "logs", "-f", "hello"], null, interrupt.Token);

        Assert.Equal(ExitCodes.Interrupted, result.ExitCode);
        Assert.Equal("x\n", result.Output);
    }

    [Fact]
    public async Task Logs_of_an_unknown_workload_exits_2()
    {
        await using var server = await FakeControlPlane.StartAsync();

        var result = await InProcessCli.RunAsync(server, "logs", "ghost");

        Assert.Equal(ExitCodes.NotFound, result.ExitCode);
        Assert.Equal(["error: workload 'ghost' not found"], result.ErrorLines);
    }

    private static LogChunk Chunk(LogStream stream, ReadOnlySpan<byte> data) => new() { Stream = stream, Data = ByteString.CopyFrom(data) };
}
