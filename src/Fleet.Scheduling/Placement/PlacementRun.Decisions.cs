using System.Collections.Immutable;

namespace Fleet.Scheduling.Placement;

internal sealed partial class PlacementRun
{
    private PlacementDecision Placed()
    {
        ImmutableArray<NodeScore> candidates;
        if (_all is not null)
        {
            _all.Sort(static (a, b) => a.IsBetterThan(b) ? -1 : b.IsBetterThan(a) ? 1 : 0);
            candidates = [.. _all.Select(ToNodeScore)];
        }
        else
        {
            var builder = ImmutableArray.CreateBuilder<NodeScore>(_bestCount);
            for (var i = 0; i < _bestCount; i++)
            {
                builder.Add(ToNodeScore(_best[i]));
            }

            candidates = builder.MoveToImmutable();
        }

        return new PlacementDecision([.. candidates.Select(c => c.NodeId)], Rejections(), string.Empty)
        {
            Chosen = candidates[0],
            Candidates = candidates,
            Filtered = Filtered(),
            NodesEvaluated = _evaluated,
            NodesFeasible = _feasible,
        };
    }

    private PlacementDecision Pending()
    {
        var reason = $"no node can take {DescribeRequest()}: " + (_evaluated - _feasible <= ListedRejections
            ? string.Join("; ", _rejected.OrderBy(r => r.Node).Select(r => $"{_snapshot.Table.Ids[r.Node]}: {Text(r)}"))
            : string.Join("; ", Filtered()));
        if (_options.Preemption && _rejectedBy[(int)PlacementFilter.Resources] + _rejectedBy[(int)PlacementFilter.HostPort] > 0)
        {
            reason += $"; evicting workloads of priority below {_request.Priority} would not make room on any node";
        }

        return new PlacementDecision([], Rejections(), reason)
        {
            Filtered = Filtered(),
            NodesEvaluated = _evaluated,
        };
    }

    private NodeScore ToNodeScore(ScoredNode scored) => new(_snapshot.Table.Ids[scored.Node], scored.Score)
    {
        Fit = scored.Fit,
        TopologySpread = double.IsNaN(scored.Spread) ? null : scored.Spread,
        Affinity = double.IsNaN(scored.Affinity) ? null : scored.Affinity,
        JobAntiAffinity = double.IsNaN(scored.Job) ? null : scored.Job,
    };

    /// <summary>Every rejected node with its reason in node id order when explaining; otherwise none.</summary>
    private ImmutableArray<NodeRejection> Rejections() => _all is null
        ? []
        : [.. _rejected.OrderBy(r => r.Node).Select(r => new NodeRejection(_snapshot.Table.Ids[r.Node], Text(r)) { Filter = r.Filter })];

    private ImmutableArray<FilterCount> Filtered()
    {
        var counts = ImmutableArray.CreateBuilder<FilterCount>();
        void Add(PlacementFilter filter, string description, int nodes)
        {
            if (nodes > 0)
            {
                counts.Add(new FilterCount(filter, description, nodes));
            }
        }

        Add(PlacementFilter.Down, "down", _rejectedBy[(int)PlacementFilter.Down]);
        Add(PlacementFilter.Cordoned, "cordoned", _rejectedBy[(int)PlacementFilter.Cordoned]);
        for (var c = 0; c < _constraints.Length; c++)
        {
            Add(PlacementFilter.Constraint, $"constraint {_constraints[c].Constraint} not met", _constraintRejections[c]);
        }

        Add(PlacementFilter.Rootfs, $"no rootfs \"{_request.Rootfs}\"", _rejectedBy[(int)PlacementFilter.Rootfs]);
        Add(PlacementFilter.Resources, "not enough CPU", _shortOf[0]);
        Add(PlacementFilter.Resources, "not enough memory", _shortOf[1]);
        Add(PlacementFilter.Resources, "not enough pids", _shortOf[2]);
        for (var p = 0; p < _ports.Length; p++)
        {
            Add(PlacementFilter.HostPort, $"host port {_ports[p]} in use", _portRejections[p]);
        }

        for (var a = 0; a < _hardAffinities.Length; a++)
        {
            var affinity = _hardAffinities[a].Affinity;
            Add(
                PlacementFilter.Affinity,
                affinity.Kind == AffinityKind.Require
                    ? $"no workload matching {affinity.Selector} on {affinity.Scope}"
                    : $"a workload matching {affinity.Selector} on {affinity.Scope}",
                _affinityRejections[a]);
        }

        for (var s = 0; s < _hardSpreads.Length; s++)
        {
            var spread = _hardSpreads[s].Spread;
            Add(PlacementFilter.TopologySpread, $"spreading {spread.Selector} over {spread.TopologyKey} would exceed max skew {spread.MaxSkew}", _spreadRejections[s]);
        }

        return counts.ToImmutable();
    }

    /// <summary>"0.5 CPU, 64Mi memory, host ports 80, 443, rootfs "busybox"".</summary>
    private string DescribeRequest()
    {
        var text = ResourceText.Describe(_request.Demand);
        if (_ports.Length > 0)
        {
            text += $", host port{(_ports.Length == 1 ? string.Empty : "s")} {string.Join(", ", _ports)}";
        }

        return _rootfsRequired ? $"{text}, rootfs \"{_request.Rootfs}\"" : text;
    }

    /// <summary>Why one node was rejected, in words.</summary>
    private string Text(RejectedNode rejected)
    {
        var node = rejected.Node;
        var slot = _slots[node];
        switch (rejected.Filter)
        {
            case PlacementFilter.Down:
                return "down";
            case PlacementFilter.Cordoned:
                return "cordoned";
            case PlacementFilter.Constraint:
                var constraint = _constraints[rejected.Detail];
                var key = constraint.Constraint.Key;
                return constraint.Column?.ValueAt(node) switch
                {
                    null => $"has no label {key}, required by {constraint.Constraint}",
                    var value when constraint.Constraint.IsVersionComparison && !SemanticVersion.TryParse(value, out _) =>
                        $"label {key}={value} is not a version, required by {constraint.Constraint}",
                    var value => $"label {key}={value} does not satisfy {constraint.Constraint}",
                };
            case PlacementFilter.Rootfs:
                return $"has no rootfs \"{_request.Rootfs}\"";
            case PlacementFilter.Resources:
                return ResourceText.Shortages(_request.Demand, new ResourceVector(slot.FreeCpu, slot.FreeMemory, slot.FreePids), rejected.Detail);
            case PlacementFilter.HostPort:
                return $"host port {_ports[rejected.Detail]} is in use";
            case PlacementFilter.Affinity:
                return AffinityText(_hardAffinities[rejected.Detail], node);
            default:
                return SpreadText(_hardSpreads[rejected.Detail], node);
        }
    }

    private static string AffinityText(CompiledAffinity compiled, int node)
    {
        var affinity = compiled.Affinity;
        var matching = compiled.Matching(node);
        var workloads = $"{matching} workload{(matching == 1 ? string.Empty : "s")} matching {affinity.Selector}";
        if (compiled.Column is not { } column)
        {
            return affinity.Kind == AffinityKind.Require
                ? $"runs no workload matching {affinity.Selector}, which it requires on the same node"
                : $"runs {workloads}, which it must avoid";
        }

        return column.ValueAt(node) is not { } domain
            ? $"has no label {column.Key}, needed by {affinity}"
            : affinity.Kind == AffinityKind.Require
                ? $"no workload matching {affinity.Selector} runs in {column.Key}={domain}, which it requires"
                : $"{column.Key}={domain} runs {workloads}, which it must avoid";
    }

    private static string SpreadText(CompiledSpread compiled, int node)
    {
        var spread = compiled.Spread;
        var column = compiled.Column;
        if (column.ValueAt(node) is not { } domain)
        {
            return $"has no label {column.Key}, needed to spread {spread.Selector} over it";
        }

        var after = compiled.InDomain(node) + compiled.Self;
        return $"{column.Key}={domain} would hold {after} workloads matching {spread.Selector} against {compiled.Min} in {column.Key}={compiled.MinDomain}: skew {after - compiled.Min} exceeds {spread.MaxSkew}";
    }
}
