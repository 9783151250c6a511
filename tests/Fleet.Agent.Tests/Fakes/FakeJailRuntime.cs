using System.Collections.Concurrent;
using Fleet.Jail;

namespace Fleet.Agent.Tests.Fakes;

/// <summary>Records every start; jails end when the test says so.</summary>
internal sealed class FakeJailRuntime : IJailRuntime
{
    private int _nextPid = 1000;

    public ConcurrentQueue<JailSpec> Started { get; } = new();

    public ConcurrentDictionary<string, FakeJail> Jails { get; } = new();

    /// <summary>Jails <see cref="Recover"/> hands back, as if left by an earlier agent process.</summary>
    public List<IJail> Recoverable { get; } = [];

    /// <summary>When set, StartAsync throws what it returns for a spec (null: start normally).</summary>
    public Func<JailSpec, Exception?>? StartFailure { get; set; }

    public Task<IJail> StartAsync(JailSpec spec, CancellationToken cancellationToken)
    {
        Started.Enqueue(spec);
        if (StartFailure?.Invoke(spec) is { } failure)
        {
            return Task.FromException<IJail>(failure);
        }

        var jail = new FakeJail(spec.Id, Interlocked.Increment(ref _nextPid));
        Jails[spec.Id] = jail;
        return Task.FromResult<IJail>(jail);
    }

    public IReadOnlyList<IJail> Recover() => Recoverable;

    public FakeJail Jail(string id) => Jails[id];
}
