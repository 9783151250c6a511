namespace Fleet.Scheduling.Snapshots;

/// <summary>
/// The snapshot's <see cref="NodeSlot"/>s as a persistent paged array: replacing one node copies its
/// page (32 slots) and the page table (n/32 references) and shares the rest, so that deriving a
/// snapshot after a placement costs O(n/32) instead of O(n) and older snapshots stay valid for
/// readers still using them. Each page also knows the most free CPU, memory and pids of any of its
/// nodes, so that an ordered walk skips a page of full nodes with one comparison.
/// </summary>
internal sealed class SlotPages
{
    public const int Shift = 5;
    public const int PageSize = 1 << Shift;
    private const int Mask = PageSize - 1;

    private readonly SlotPage[] _pages;

    private SlotPages(SlotPage[] pages, int count)
    {
        _pages = pages;
        Count = count;
    }

    public static SlotPages Empty { get; } = new([], 0);

    public int Count { get; }

    public ref readonly NodeSlot this[int index] => ref _pages[index >> Shift].Slots[index & Mask];

    public static SlotPages From(ReadOnlySpan<NodeSlot> slots)
    {
        var pages = new SlotPage[(slots.Length + Mask) >> Shift];
        for (var p = 0; p < pages.Length; p++)
        {
            var start = p << Shift;
            pages[p] = new SlotPage(slots.Slice(start, Math.Min(PageSize, slots.Length - start)).ToArray());
        }

        return new SlotPages(pages, slots.Length);
    }

    /// <summary>The page holding node <paramref name="index"/>: whether any of its nodes has this much free.</summary>
    public bool PageMayFit(int index, long cpu, long memory, long pids)
    {
        var page = _pages[index >> Shift];
        return page.MaxFreeCpu >= cpu && page.MaxFreeMemory >= memory && page.MaxFreePids >= pids;
    }

    public SlotPages SetItem(int index, in NodeSlot slot)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        var pages = (SlotPage[])_pages.Clone();
        var slots = (NodeSlot[])pages[index >> Shift].Slots.Clone();
        slots[index & Mask] = slot;
        pages[index >> Shift] = new SlotPage(slots);
        return new SlotPages(pages, Count);
    }

    private sealed class SlotPage
    {
        public SlotPage(NodeSlot[] slots)
        {
            Slots = slots;
            long cpu = long.MinValue, memory = long.MinValue, pids = long.MinValue;
            foreach (ref readonly var slot in slots.AsSpan())
            {
                // Only nodes that can take anything count: a down or cordoned node never fits.
                if ((slot.Flags & (NodeSlot.ReadyFlag | NodeSlot.CordonedFlag)) == NodeSlot.ReadyFlag)
                {
                    cpu = Math.Max(cpu, slot.FreeCpu);
                    memory = Math.Max(memory, slot.FreeMemory);
                    pids = Math.Max(pids, slot.FreePids);
                }
            }

            (MaxFreeCpu, MaxFreeMemory, MaxFreePids) = (cpu, memory, pids);
        }

        public NodeSlot[] Slots { get; }

        public long MaxFreeCpu { get; }

        public long MaxFreeMemory { get; }

        public long MaxFreePids { get; }
    }
}
