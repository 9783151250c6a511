namespace Fleet.Grains.Tests;

/// <summary>Lists every workload of its cluster, so it has a cluster of its own.</summary>
public sealed class WorkloadListingTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private FleetCluster? _cluster;
    private Scenario _s = null!;

    public async ValueTask InitializeAsync()
    {
        _cluster = await FleetCluster.StartAsync(_directory.Path, silos: 1);
        _s = new Scenario(_cluster.Grains);
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        _directory.Dispose();
    }

    [Fact]
    public async Task Pages_run_newest_first_and_stay_stable_while_new_workloads_arrive()
    {
        var created = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            created.Add((await _s.Submit("0.1", "1Mi")).Id);
            _cluster!.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var newestFirst = Enumerable.Reverse(created).ToArray();

        var first = await _s.WorkloadIndex.List(3, null);
        Assert.Equal(newestFirst[..3], first.Ids);
        Assert.NotNull(first.NextPageToken);

        // A workload submitted between pages lands in front, not in the next page.
        var late = await _s.Submit("0.1", "1Mi");

        var second = await _s.WorkloadIndex.List(3, first.NextPageToken);
        Assert.Equal(newestFirst[3..6], second.Ids);
        var third = await _s.WorkloadIndex.List(3, second.NextPageToken);
        Assert.Equal(newestFirst[6..], third.Ids);
        Assert.Null(third.NextPageToken);

        var everything = await _s.WorkloadIndex.List(0, null);
        Assert.Equal([late.Id, .. newestFirst], everything.Ids);
        Assert.Null(everything.NextPageToken);
    }

    [Fact]
    public async Task A_page_that_ends_exactly_at_the_last_workload_has_no_next_token()
    {
        await _s.Submit("0.1", "1Mi");
        var count = (await _s.WorkloadIndex.List(1000, null)).Ids.Length;

        var page = await _s.WorkloadIndex.List(count, null);

        Assert.Equal(count, page.Ids.Length);
        Assert.Null(page.NextPageToken);
    }

    [Fact]
    public async Task A_token_the_server_never_gave_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _s.WorkloadIndex.List(10, "not-a-token"));
    }

    [Fact]
    public async Task Resolve_finds_a_workload_by_id_or_name()
    {
        var workload = await _s.Submit("0.1", "1Mi");

        Assert.Equal(workload.Id, await _s.WorkloadIndex.Resolve(workload.Id));
        Assert.Equal(workload.Id, await _s.WorkloadIndex.Resolve(workload.Spec.Name));
        Assert.Null(await _s.WorkloadIndex.Resolve("no-such-workload"));
        Assert.Null(await _s.WorkloadIndex.Resolve(""));
    }
}
