namespace Fleet.Scheduling;

/// <summary>How a <see cref="LabelConstraint"/> tests a label. Written forms in brackets.</summary>
public enum ConstraintOperator
{
    /// <summary>[<c>key = value</c>] the label is present and equals the value.</summary>
    Equal,

    /// <summary>[<c>key != value</c>] the label is absent or differs from the value.</summary>
    NotEqual,

    /// <summary>[<c>key in (a, b)</c>] the label is present and one of the values.</summary>
    In,

    /// <summary>[<c>key not in (a, b)</c>] the label is absent or none of the values.</summary>
    NotIn,

    /// <summary>[<c>key exists</c>] the label is present, whatever its value.</summary>
    Exists,

    /// <summary>[<c>key not exists</c>] the label is absent.</summary>
    NotExists,

    /// <summary>[<c>key semver &gt; 1.2.3</c>] the label is a semantic version above the given one.</summary>
    VersionGreater,

    /// <summary>[<c>key semver &gt;= 1.2.3</c>] the label is a semantic version at or above the given one.</summary>
    VersionGreaterOrEqual,

    /// <summary>[<c>key semver &lt; 1.2.3</c>] the label is a semantic version below the given one.</summary>
    VersionLess,

    /// <summary>[<c>key semver &lt;= 1.2.3</c>] the label is a semantic version at or below the given one.</summary>
    VersionLessOrEqual,
}
