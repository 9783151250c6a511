namespace Fleet.Scheduling.Snapshots;

/// <summary>
/// Hashes that are the same in every process and on every run (string.GetHashCode is randomized per
/// process), so that a seed gives the same walk and tie-break on every silo and in tests.
/// </summary>
internal static class StableHash
{
    /// <summary>FNV-1a over the UTF-16 code units, finished with <see cref="Mix"/>.</summary>
    public static ulong Of(string? text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text ?? string.Empty)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return Mix(hash);
    }

    /// <summary>The splitmix64 finalizer: every input bit affects every output bit.</summary>
    public static ulong Mix(ulong value)
    {
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
        return value ^ (value >> 31);
    }
}
