namespace Fleet.Scheduling.Snapshots;

/// <summary>
/// A persistent hash trie from label pair to <see cref="Postings"/> (a hash array mapped trie without
/// the bitmap compression): 32-way branches keyed by successive 5-bit slices of the pair's hash,
/// leaves of up to 16 entries. Setting one pair copies one path — a few 32-slot branches and a leaf —
/// which is several times cheaper than <see cref="System.Collections.Immutable.ImmutableDictionary{TKey, TValue}"/>
/// for the tens of thousands of pairs a cluster has.
/// </summary>
internal sealed class PostingsMap
{
    private const int Bits = 5;
    private const int Width = 1 << Bits;
    private const int LeafCapacity = 16;

    // Past this depth the 32-bit hash is used up: leaves grow instead of splitting.
    private const int MaxDepth = (32 + Bits - 1) / Bits;

    private readonly object? _root;

    private PostingsMap(object? root, int count)
    {
        _root = root;
        Count = count;
    }

    public static PostingsMap Empty { get; } = new(null, 0);

    public int Count { get; }

    public Postings? Find(LabelPair pair)
    {
        var hash = Hash(pair);
        var node = _root;
        for (var depth = 0; node is object?[] branch; depth++)
        {
            node = branch[Slice(hash, depth)];
        }

        if (node is Entry[] leaf)
        {
            foreach (var entry in leaf)
            {
                if (entry.Hash == hash && entry.Pair == pair)
                {
                    return entry.Postings;
                }
            }
        }

        return null;
    }

    /// <summary>The map with <paramref name="delta"/> added to the count of <paramref name="pair"/> on <paramref name="node"/>.</summary>
    public PostingsMap Change(LabelPair pair, int node, int delta)
    {
        var changed = (Find(pair) ?? Postings.Empty).Add(node, delta);
        return Set(pair, changed.Total > 0 ? changed : null);
    }

    /// <summary>The map with <paramref name="pair"/> set to <paramref name="postings"/>, or removed when null.</summary>
    public PostingsMap Set(LabelPair pair, Postings? postings)
    {
        var hash = Hash(pair);
        var delta = 0;
        var root = Set(_root, 0, new Entry(hash, pair, postings!), postings is null, ref delta);
        return new PostingsMap(root, Count + delta);
    }

    private static object? Set(object? node, int depth, Entry entry, bool remove, ref int delta)
    {
        switch (node)
        {
            case null:
                if (remove)
                {
                    return null;
                }

                delta = 1;
                return new[] { entry };
            case object?[] branch:
                var slot = Slice(entry.Hash, depth);
                var child = Set(branch[slot], depth + 1, entry, remove, ref delta);
                if (ReferenceEquals(child, branch[slot]))
                {
                    return branch;
                }

                var copy = (object?[])branch.Clone();
                copy[slot] = child;
                return Array.TrueForAll(copy, c => c is null) ? null : copy;
            default:
                return SetInLeaf((Entry[])node, depth, entry, remove, ref delta);
        }
    }

    private static object? SetInLeaf(Entry[] leaf, int depth, Entry entry, bool remove, ref int delta)
    {
        for (var i = 0; i < leaf.Length; i++)
        {
            if (leaf[i].Hash != entry.Hash || leaf[i].Pair != entry.Pair)
            {
                continue;
            }

            if (remove)
            {
                delta = -1;
                return leaf.Length == 1 ? null : (Entry[])[.. leaf[..i], .. leaf[(i + 1)..]];
            }

            var replaced = (Entry[])leaf.Clone();
            replaced[i] = entry;
            return replaced;
        }

        if (remove)
        {
            return leaf;
        }

        delta = 1;
        Entry[] grown = [.. leaf, entry];
        if (grown.Length <= LeafCapacity || depth >= MaxDepth)
        {
            return grown;
        }

        // Split the leaf into a branch on the next slice of the hash.
        object? branch = new object?[Width];
        var ignored = 0;
        foreach (var moved in grown)
        {
            branch = Set(branch, depth, moved, remove: false, ref ignored);
        }

        return branch;
    }

    private static int Slice(uint hash, int depth) => (int)((hash >> (depth * Bits)) & (Width - 1));

    private static uint Hash(LabelPair pair) => (uint)pair.GetHashCode();

    private readonly record struct Entry(uint Hash, LabelPair Pair, Postings Postings);
}
