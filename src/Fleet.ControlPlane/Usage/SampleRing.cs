namespace Fleet.ControlPlane.Usage;

/// <summary>The last few samples of one workload or node, oldest replaced first. Not thread-safe: the store's lock guards it.</summary>
internal sealed class SampleRing<T>(int capacity)
    where T : class
{
    private readonly T[] _items = new T[Math.Max(1, capacity)];
    private int _next;
    private int _count;

    public T? Latest => _count == 0 ? null : _items[(_next - 1 + _items.Length) % _items.Length];

    public int Count => _count;

    public void Add(T item)
    {
        _items[_next] = item;
        _next = (_next + 1) % _items.Length;
        _count = Math.Min(_count + 1, _items.Length);
    }

    /// <summary>Oldest first.</summary>
    public List<T> ToList()
    {
        var list = new List<T>(_count);
        var start = (_next - _count + _items.Length) % _items.Length;
        for (var i = 0; i < _count; i++)
        {
            list.Add(_items[(start + i) % _items.Length]);
        }

        return list;
    }
}
