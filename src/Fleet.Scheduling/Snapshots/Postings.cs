using System.Collections.Immutable;

namespace Fleet.Scheduling.Snapshots;

/// <summary>
/// For one label pair (or job): how many workloads carry it on each node that has any, and in all.
/// Immutable. Most pairs live on a few nodes (the replicas of one job), so up to
/// <see cref="SmallLimit"/> nodes are kept in two sorted arrays copied on change; beyond that in an
/// immutable dictionary.
/// </summary>
internal sealed class Postings
{
    private const int SmallLimit = 32;

    private readonly int[] _nodes;
    private readonly int[] _counts;
    private readonly ImmutableDictionary<int, int>? _large;

    private Postings(int[] nodes, int[] counts, ImmutableDictionary<int, int>? large, int total)
    {
        _nodes = nodes;
        _counts = counts;
        _large = large;
        Total = total;
    }

    public static Postings Empty { get; } = new([], [], null, 0);

    /// <summary>Matching workloads in the whole cluster.</summary>
    public int Total { get; }

    /// <summary>How many nodes run matching workloads.</summary>
    public int NodeCount => _large?.Count ?? _nodes.Length;

    /// <summary>Postings of positive counts, built at once.</summary>
    public static Postings From(IReadOnlyDictionary<int, int> countByNode)
    {
        var total = countByNode.Values.Sum();
        if (countByNode.Count > SmallLimit)
        {
            return new Postings([], [], countByNode.ToImmutableDictionary(), total);
        }

        var nodes = countByNode.Keys.Order().ToArray();
        return new Postings(nodes, [.. nodes.Select(n => countByNode[n])], null, total);
    }

    public Postings Add(int node, int delta)
    {
        if (_large is not null)
        {
            var count = _large.GetValueOrDefault(node) + delta;
            var large = count > 0 ? _large.SetItem(node, count) : _large.Remove(node);
            return new Postings([], [], large, Total + delta);
        }

        var at = Array.BinarySearch(_nodes, node);
        if (at >= 0)
        {
            var count = _counts[at] + delta;
            if (count > 0)
            {
                var counts = (int[])_counts.Clone();
                counts[at] = count;
                return new Postings(_nodes, counts, null, Total + delta);
            }

            return new Postings([.. _nodes.AsSpan(0, at), .. _nodes.AsSpan(at + 1)], [.. _counts.AsSpan(0, at), .. _counts.AsSpan(at + 1)], null, Total + delta);
        }

        if (delta <= 0)
        {
            return this;
        }

        if (_nodes.Length == SmallLimit)
        {
            var builder = ImmutableDictionary.CreateBuilder<int, int>();
            for (var i = 0; i < _nodes.Length; i++)
            {
                builder.Add(_nodes[i], _counts[i]);
            }

            builder.Add(node, delta);
            return new Postings([], [], builder.ToImmutable(), Total + delta);
        }

        at = ~at;
        return new Postings(
            [.. _nodes.AsSpan(0, at), node, .. _nodes.AsSpan(at)],
            [.. _counts.AsSpan(0, at), delta, .. _counts.AsSpan(at)],
            null,
            Total + delta);
    }

    /// <summary>Each node with its count, without allocating.</summary>
    public Enumerator GetEnumerator() => new(this);

    /// <summary>Enumerates (node, count) pairs of either representation.</summary>
    public struct Enumerator : IDisposable
    {
        private readonly Postings _postings;
        private ImmutableDictionary<int, int>.Enumerator _large;
        private int _index;

        internal Enumerator(Postings postings)
        {
            _postings = postings;
            _large = postings._large?.GetEnumerator() ?? default;
            _index = -1;
            Current = default;
        }

        public (int Node, int Count) Current { get; private set; }

        public bool MoveNext()
        {
            if (_postings._large is not null)
            {
                if (!_large.MoveNext())
                {
                    return false;
                }

                Current = (_large.Current.Key, _large.Current.Value);
                return true;
            }

            if (++_index >= _postings._nodes.Length)
            {
                return false;
            }

            Current = (_postings._nodes[_index], _postings._counts[_index]);
            return true;
        }

        public void Dispose()
        {
            if (_postings?._large is not null)
            {
                _large.Dispose();
            }
        }
    }
}
