using Grpc.Core;

namespace Fleet.ControlPlane.Tests.Support;

/// <summary>Reading server streams with a bound on the wait, so a missing message fails the test instead of hanging it.</summary>
internal static class Streams
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    public static async Task<T> Next<T>(this IAsyncStreamReader<T> stream)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Patience);
        Assert.True(await stream.MoveNext(timeout.Token), "the stream ended early");
        return stream.Current;
    }

    /// <summary>Reads until a message matches; returns every message read, the match last.</summary>
    public static async Task<List<T>> ReadUntil<T>(this IAsyncStreamReader<T> stream, Func<T, bool> done)
    {
        var read = new List<T>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Patience);
        while (true)
        {
            Assert.True(await stream.MoveNext(timeout.Token), "the stream ended before the expected message");
            read.Add(stream.Current);
            if (done(stream.Current))
            {
                return read;
            }
        }
    }

    /// <summary>Polls <paramref name="probe"/> until it returns a value that <paramref name="done"/> accepts.</summary>
    public static async Task<T> Eventually<T>(Func<Task<T>> probe, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var value = await probe();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
