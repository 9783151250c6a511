using Orleans.Storage;

namespace Fleet.Grains;

/// <summary>
/// A large keyed collection kept in many small rows of the grain storage (state names
/// <c>name-000</c> … ), so that a change rewrites only the bucket that holds it instead of the
/// whole collection. Used where a single state would grow without bound. Not thread-safe: it
/// lives on one grain's scheduler.
/// </summary>
internal sealed class BucketedEntries<TEntry>(IGrainStorage storage, GrainId grainId, string stateName, int bucketCount)
    where TEntry : class
{
    private readonly Dictionary<string, TEntry>[] _buckets = new Dictionary<string, TEntry>[bucketCount];
    private readonly string?[] _etags = new string?[bucketCount];
    private readonly HashSet<int> _dirty = [];

    /// <summary>Reads every bucket; returns every entry.</summary>
    public async Task<IReadOnlyList<TEntry>> LoadAsync()
    {
        await Task.WhenAll(Enumerable.Range(0, bucketCount).Select(async i =>
        {
            var bucket = new GrainState<Dictionary<string, TEntry>>(new Dictionary<string, TEntry>(StringComparer.Ordinal));
            await storage.ReadStateAsync(BucketName(i), grainId, bucket);
            _buckets[i] = new Dictionary<string, TEntry>(bucket.State ?? [], StringComparer.Ordinal);
            _etags[i] = bucket.ETag;
        }));

        return [.. _buckets.SelectMany(b => b.Values)];
    }

    public void Set(string key, TEntry entry)
    {
        var index = BucketOf(key);
        _buckets[index][key] = entry;
        _dirty.Add(index);
    }

    /// <summary>Writes the buckets changed since the last flush, all at once (the storage commits them together when it can).</summary>
    public async Task FlushAsync()
    {
        if (_dirty.Count == 0)
        {
            return;
        }

        var dirty = _dirty.ToArray();
        _dirty.Clear();
        try
        {
            await Task.WhenAll(dirty.Select(WriteBucketAsync));
        }
        catch
        {
            // Whatever did not commit must go out with the next flush.
            _dirty.UnionWith(dirty);
            throw;
        }
    }

    private async Task WriteBucketAsync(int index)
    {
        // The storage may serialize after this turn ends, while the grain changes the bucket: hand it a copy.
        var copy = new GrainState<Dictionary<string, TEntry>>(new Dictionary<string, TEntry>(_buckets[index], StringComparer.Ordinal), _etags[index]);
        await storage.WriteStateAsync(BucketName(index), grainId, copy);
        _etags[index] = copy.ETag;
    }

    private string BucketName(int index) => $"{stateName}-{index:D3}";

    /// <summary>FNV-1a over the key's UTF-16 code units: stable across processes, unlike string.GetHashCode.</summary>
    private int BucketOf(string key)
    {
        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)bucketCount);
    }
}
