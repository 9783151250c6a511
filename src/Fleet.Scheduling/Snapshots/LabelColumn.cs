namespace Fleet.Scheduling.Snapshots;

/// <summary>
/// One node label across a snapshot: each node's value as a small integer (-1: absent), so that a
/// constraint is evaluated once per distinct value and then costs an array read per node. Immutable;
/// a label change on one node copies the column.
/// </summary>
internal sealed class LabelColumn
{
    private readonly Dictionary<string, int> _ids;
    private SemanticVersion?[]? _versions;

    private LabelColumn(string key, int[] valueIds, List<string> values, Dictionary<string, int> ids)
    {
        Key = key;
        ValueIds = valueIds;
        Values = values;
        _ids = ids;
    }

    public string Key { get; }

    /// <summary>Per node (by index), the id of its value in <see cref="Values"/>, or -1 when it lacks the label.</summary>
    public int[] ValueIds { get; }

    public IReadOnlyList<string> Values { get; }

    /// <summary>Each value parsed as a version (null when it is not one), parsed once per column.</summary>
    public SemanticVersion?[] Versions
    {
        get
        {
            if (Volatile.Read(ref _versions) is { } versions)
            {
                return versions;
            }

            versions = new SemanticVersion?[Values.Count];
            for (var i = 0; i < versions.Length; i++)
            {
                versions[i] = SemanticVersion.TryParse(Values[i], out var version) ? version : null;
            }

            Interlocked.CompareExchange(ref _versions, versions, null);
            return _versions!;
        }
    }

    public static LabelColumn Build(string key, IReadOnlyList<ClusterNode> nodes)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var values = new List<string>();
        var valueIds = new int[nodes.Count];
        for (var i = 0; i < nodes.Count; i++)
        {
            valueIds[i] = nodes[i].Labels.TryGetValue(key, out var value) ? Intern(ids, values, value) : -1;
        }

        return new LabelColumn(key, valueIds, values, ids);
    }

    /// <summary>A column where no node has the label.</summary>
    public static LabelColumn Absent(string key, int nodes)
    {
        var valueIds = new int[nodes];
        Array.Fill(valueIds, -1);
        return new LabelColumn(key, valueIds, [], new Dictionary<string, int>(StringComparer.Ordinal));
    }

    public int IdOf(string value) => _ids.TryGetValue(value, out var id) ? id : -1;

    public string? ValueAt(int node) => ValueIds[node] is var id and >= 0 ? Values[id] : null;

    /// <summary>A copy where node <paramref name="node"/> has <paramref name="value"/> (null: no such label).</summary>
    public LabelColumn With(int node, string? value)
    {
        var ids = new Dictionary<string, int>(_ids, StringComparer.Ordinal);
        var values = new List<string>(Values);
        var valueIds = (int[])ValueIds.Clone();
        valueIds[node] = value is null ? -1 : Intern(ids, values, value);
        return new LabelColumn(Key, valueIds, values, ids);
    }

    private static int Intern(Dictionary<string, int> ids, List<string> values, string value)
    {
        if (!ids.TryGetValue(value, out var id))
        {
            id = values.Count;
            ids.Add(value, id);
            values.Add(value);
        }

        return id;
    }
}
