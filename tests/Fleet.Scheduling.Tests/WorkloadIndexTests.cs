using Fleet.Scheduling;
using Fleet.Scheduling.Snapshots;

namespace Fleet.Scheduling.Tests;

/// <summary>The persistent structures behind the snapshot, checked against plain dictionaries.</summary>
public sealed class WorkloadIndexTests
{
    [Fact]
    public void The_postings_map_agrees_with_a_dictionary_through_thousands_of_changes()
    {
        var random = new Random(7);
        var expected = new Dictionary<LabelPair, Dictionary<int, int>>();
        var map = PostingsMap.Empty;
        var history = new List<(PostingsMap Map, int Count)>();
        for (var step = 0; step < 20_000; step++)
        {
            var pair = new LabelPair("app", $"job-{random.Next(3000)}");
            var node = random.Next(50);
            var present = expected.TryGetValue(pair, out var byNode) && byNode.ContainsKey(node);
            var delta = present && random.Next(3) == 0 ? -1 : 1;
            map = map.Change(pair, node, delta);
            byNode ??= expected[pair] = [];
            byNode[node] = byNode.GetValueOrDefault(node) + delta;
            if (byNode[node] == 0)
            {
                byNode.Remove(node);
            }

            if (byNode.Count == 0)
            {
                expected.Remove(pair);
            }

            if (step % 5000 == 0)
            {
                history.Add((map, expected.Count));
            }
        }

        Assert.Equal(expected.Count, map.Count);
        foreach (var (pair, byNode) in expected)
        {
            var postings = map.Find(pair);
            Assert.NotNull(postings);
            Assert.Equal(byNode.Values.Sum(), postings.Total);
            var actual = new Dictionary<int, int>();
            foreach (var (node, count) in postings)
            {
                actual.Add(node, count);
            }

            Assert.Equal(byNode.OrderBy(p => p.Key), actual.OrderBy(p => p.Key));
        }

        Assert.Null(map.Find(new LabelPair("app", "never")));
        Assert.All(history, h => Assert.Equal(h.Count, h.Map.Count));
    }

    [Fact]
    public void Postings_grow_past_the_small_form_and_shrink_back_to_nothing()
    {
        var postings = Postings.Empty;
        for (var node = 99; node >= 0; node--)
        {
            postings = postings.Add(node, 2);
        }

        Assert.Equal(100, postings.NodeCount);
        Assert.Equal(200, postings.Total);
        for (var node = 0; node < 100; node++)
        {
            postings = postings.Add(node, -2);
        }

        Assert.Equal(0, postings.NodeCount);
        Assert.Equal(0, postings.Total);
        Assert.Same(Postings.Empty, Postings.Empty.Add(3, -1));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(100)]
    public void Postings_built_at_once_equal_postings_built_one_by_one(int nodes)
    {
        var counts = Enumerable.Range(0, nodes).ToDictionary(n => n * 3, n => 1 + (n % 4));
        var incremental = Postings.Empty;
        foreach (var (node, count) in counts.Reverse())
        {
            incremental = incremental.Add(node, count);
        }

        var atOnce = Postings.From(counts);

        Assert.Equal(incremental.Total, atOnce.Total);
        Assert.Equal(incremental.NodeCount, atOnce.NodeCount);
        var fromIncremental = new List<(int, int)>();
        foreach (var entry in incremental)
        {
            fromIncremental.Add(entry);
        }

        var fromAtOnce = new List<(int, int)>();
        foreach (var entry in atOnce)
        {
            fromAtOnce.Add(entry);
        }

        Assert.Equal(fromIncremental.Order(), fromAtOnce.Order());
    }

    [Fact]
    public void Slot_pages_share_untouched_pages_and_summarise_free_resources()
    {
        var nodes = Enumerable.Range(0, 100).Select(i => new ClusterNode($"n{i:D3}") { Capacity = new ResourceVector(1000, 1000) }).ToArray();
        var table = NodeTable.Build(nodes);
        var pages = SlotPages.From([.. nodes.Select(table.Slot)]);

        var full = nodes[40] with { Allocated = new ResourceVector(1000, 1000) };
        var changed = pages.SetItem(40, table.Slot(full));

        Assert.Same(nodes[40], pages[40].Node);
        Assert.Same(full, changed[40].Node);
        Assert.Same(pages[0].Node, changed[0].Node);
        Assert.True(changed.PageMayFit(40, 1000, 1000, 0));

        for (var i = 32; i < 64; i++)
        {
            changed = changed.SetItem(i, table.Slot(nodes[i] with { Allocated = new ResourceVector(900, 0) }));
        }

        Assert.False(changed.PageMayFit(40, 101, 0, 0));
        Assert.True(changed.PageMayFit(40, 100, 0, 0));
        Assert.True(changed.PageMayFit(70, 1000, 1000, 0));
    }
}
