namespace Fleet.Grains.Tests;

/// <summary>Lists every workload of its cluster, so it has a cluster of its own.</summary>
public sealed class WorkloadListingTests : OwnCluster
{
    [Fact]
    public async Task Pages_run_newest_first_and_stay_stable_while_new_workloads_arrive()
    {
        var created = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            created.Add((await S.Submit("0.1", "1Mi")).Id);
            Cluster.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var newestFirst = Enumerable.Reverse(created).ToArray();

        var first = await S.WorkloadIndex.List(3, null);
        Assert.Equal(newestFirst[..3], first.Ids);
        Assert.NotNull(first.NextPageToken);

        // A workload submitted between pages lands in front, not in the next page.
        var late = await S.Submit("0.1", "1Mi");

        var second = await S.WorkloadIndex.List(3, first.NextPageToken);
        Assert.Equal(newestFirst[3..6], second.Ids);
        var third = await S.WorkloadIndex.List(3, second.NextPageToken);
        Assert.Equal(newestFirst[6..], third.Ids);
        Assert.Null(third.NextPageToken);

        var everything = await S.WorkloadIndex.List(0, null);
        Assert.Equal([late.Id, .. newestFirst], everything.Ids);
        Assert.Null(everything.NextPageToken);
    }

    [Fact]
    public async Task A_page_that_ends_exactly_at_the_last_workload_has_no_next_token()
    {
        await S.Submit("0.1", "1Mi");
        var count = (await S.WorkloadIndex.List(1000, null)).Ids.Length;

        var page = await S.WorkloadIndex.List(count, null);

        Assert.Equal(count, page.Ids.Length);
        Assert.Null(page.NextPageToken);
    }

    [Fact]
    public async Task A_token_the_server_never_gave_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => S.WorkloadIndex.List(10, "not-a-token"));
    }

    [Fact]
    public async Task Resolve_finds_a_workload_by_id_or_name()
    {
        var workload = await S.Submit("0.1", "1Mi");

        Assert.Equal(workload.Id, await S.WorkloadIndex.Resolve(workload.Id));
        Assert.Equal(workload.Id, await S.WorkloadIndex.Resolve(workload.Spec.Name));
        Assert.Null(await S.WorkloadIndex.Resolve("no-such-workload"));
        Assert.Null(await S.WorkloadIndex.Resolve(""));
    }
}
