using Fleet.Scheduling.Snapshots;

namespace Fleet.Scheduling.Placement;

/// <summary>
/// A label constraint evaluated once per distinct value of its label, so that checking a node is an
/// array read: the hot loop never compares strings or parses versions.
/// </summary>
internal readonly struct CompiledConstraint
{
    private readonly int[]? _valueIds;
    private readonly bool[] _holdsFor;
    private readonly bool _holdsWhenAbsent;

    public CompiledConstraint(LabelConstraint constraint, NodeTable table)
    {
        Constraint = constraint;
        Column = table.Column(constraint.Key);
        _valueIds = Column?.ValueIds;
        _holdsWhenAbsent = constraint.IsSatisfiedBy((string?)null);
        _holdsFor = Column is null ? [] : table.ConstraintValues(constraint, Column, HoldsFor);
    }

    public LabelConstraint Constraint { get; }

    public LabelColumn? Column { get; }

    /// <summary>
    /// Per value id of the column, whether the constraint holds. Equality and set operators look up
    /// only their own values, so that a constraint on a label with thousands of values (a host name)
    /// costs as much as one on a zone; semver operators parse each value once per column.
    /// </summary>
    private static bool[] HoldsFor(LabelConstraint constraint, LabelColumn column)
    {
        var holds = new bool[column.Values.Count];
        switch (constraint.Operator)
        {
            case ConstraintOperator.Equal or ConstraintOperator.In:
            case ConstraintOperator.NotEqual or ConstraintOperator.NotIn:
                var negated = constraint.Operator is ConstraintOperator.NotEqual or ConstraintOperator.NotIn;
                Array.Fill(holds, negated);
                foreach (var value in constraint.Values)
                {
                    if (column.IdOf(value) is var id and >= 0)
                    {
                        holds[id] = !negated;
                    }
                }

                break;
            case ConstraintOperator.Exists or ConstraintOperator.NotExists:
                Array.Fill(holds, constraint.Operator == ConstraintOperator.Exists);
                break;
            default:
                var versions = column.Versions;
                for (var v = 0; v < holds.Length; v++)
                {
                    holds[v] = versions[v] is { } version && constraint.IsSatisfiedBy(version);
                }

                break;
        }

        return holds;
    }

    public bool Holds(int node)
    {
        var value = _valueIds is null ? -1 : _valueIds[node];
        return value < 0 ? _holdsWhenAbsent : _holdsFor[value];
    }
}
