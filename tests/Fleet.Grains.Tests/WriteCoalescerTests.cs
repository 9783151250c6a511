namespace Fleet.Grains.Tests;

public sealed class WriteCoalescerTests
{
    [Fact]
    public async Task Changes_made_while_a_write_runs_share_the_next_write()
    {
        var writes = 0;
        var gate = new TaskCompletionSource();
        var coalescer = new WriteCoalescer(
            async () =>
            {
                Interlocked.Increment(ref writes);
                await gate.Task;
            },
            _ => { });

        var first = coalescer.Request();
        var waiting = Enumerable.Range(0, 10).Select(_ => coalescer.Request()).ToArray();
        Assert.Equal(1, writes);
        Assert.True(coalescer.Busy);

        var release = gate;
        gate = new TaskCompletionSource();
        gate.SetResult();
        release.SetResult();
        await first;
        await Task.WhenAll(waiting);

        Assert.Equal(2, writes);
        Assert.False(coalescer.Busy);
    }

    [Fact]
    public async Task A_failed_write_fails_its_callers_and_the_next_request_writes_again()
    {
        var fail = true;
        var errors = new List<Exception>();
        var coalescer = new WriteCoalescer(
            () => fail ? Task.FromException(new IOException("disk full")) : Task.CompletedTask,
            errors.Add);

        var failed = await Assert.ThrowsAsync<IOException>(coalescer.Request);
        Assert.Equal("disk full", failed.Message);
        Assert.Single(errors);

        fail = false;
        await coalescer.Request();
        Assert.False(coalescer.Busy);
    }
}
