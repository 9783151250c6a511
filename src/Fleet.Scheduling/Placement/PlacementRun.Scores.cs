namespace Fleet.Scheduling.Placement;

internal sealed partial class PlacementRun
{
    /// <summary>
    /// The node's score: the mean of the parts that apply, each in [-1, 1] — resource fit always;
    /// soft topology spread, soft affinity and job anti-affinity when the request has them (Nomad's
    /// score normalisation). <paramref name="freeCpu"/> and <paramref name="freeMemory"/> are the
    /// node's free resources before placement (after eviction, when preempting).
    /// </summary>
    private ScoredNode Score(int node, long freeCpu, long freeMemory)
    {
        ref readonly var slot = ref _slots[node];
        var fit = Fit(slot.CapacityCpu, slot.CapacityMemory, freeCpu - _cpu, freeMemory - _memory);
        var sum = fit;
        var parts = 1;

        var spread = double.NaN;
        if (_softSpreads.Length > 0)
        {
            spread = 0;
            foreach (var soft in _softSpreads)
            {
                spread += soft.Score(node);
            }

            spread /= _softSpreads.Length;
            sum += spread;
            parts++;
        }

        var affinity = double.NaN;
        if (_softAffinities.Length > 0)
        {
            var weight = 0;
            foreach (var soft in _softAffinities)
            {
                if (soft.Matching(node) > 0)
                {
                    weight += soft.Affinity.Kind == AffinityKind.Prefer ? soft.Affinity.Weight : -soft.Affinity.Weight;
                }
            }

            affinity = weight / (double)_softAffinityWeight;
            sum += affinity;
            parts++;
        }

        var job = double.NaN;
        if (_job is not null)
        {
            var replicas = _job.OnNode(node);
            job = -replicas / (replicas + 1.0);
            sum += job;
            parts++;
        }

        return new ScoredNode(node, sum / parts, fit, spread, affinity, job, TieKey(node));
    }

    /// <summary>
    /// Nomad's fit score (after Google's Borg best fit): with f the free fraction of CPU and of memory
    /// left after placement, t = 10^f_cpu + 10^f_mem lies in [2, 20]; bin-pack scores (20 - t) / 18,
    /// 1 for a node left full, spread scores (t - 2) / 18. The exponent favours nodes whose dimensions
    /// fill evenly, so that no node is left with CPU but no memory (stranded resources).
    /// </summary>
    private double Fit(long capacityCpu, long capacityMemory, long freeCpuAfter, long freeMemoryAfter)
    {
        var total = Pow10.Of(Fraction(freeCpuAfter, capacityCpu)) + Pow10.Of(Fraction(freeMemoryAfter, capacityMemory));
        return _options.Strategy == ScoringStrategy.BinPack ? (20 - total) / 18 : (total - 2) / 18;
    }

    private static double Fraction(long free, long capacity) =>
        capacity <= 0 ? 0 : Math.Clamp(free / (double)capacity, 0, 1);
}
