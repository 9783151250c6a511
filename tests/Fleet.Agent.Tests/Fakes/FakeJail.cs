using Fleet.Jail;

namespace Fleet.Agent.Tests.Fakes;

/// <summary>A jail whose end the test decides.</summary>
internal sealed class FakeJail(string id, int hostPid) : IJail
{
    private readonly TaskCompletionSource<JailExit> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Id => id;

    public int HostPid => hostPid;

    public Task<JailExit> Exited => _exited.Task;

    public int StopCalls { get; private set; }

    public TimeSpan? StopGrace { get; private set; }

    public bool Disposed { get; private set; }

    public void Exit(int exitCode) => _exited.TrySetResult(new JailExit(exitCode, null));

    public void OomKill() => _exited.TrySetResult(new JailExit(128 + 9, null) { OomKilled = true });

    public void Fail(string reason) => _exited.TrySetResult(new JailExit(null, reason));

    public Task<JailExit> StopAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        StopCalls++;
        StopGrace = grace;
        _exited.TrySetResult(new JailExit(128 + 15, null));
        return _exited.Task;
    }

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }
}
