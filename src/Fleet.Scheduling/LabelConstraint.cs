using System.Collections.Immutable;

namespace Fleet.Scheduling;

/// <summary>
/// A rule on one label: on a node's labels as a placement constraint, on a workload's labels as
/// part of a <see cref="WorkloadSelector"/>. Written as <c>zone=a</c>, <c>zone!=a</c>,
/// <c>zone in (a, b)</c>, <c>zone not in (a, b)</c>, <c>gpu exists</c>, <c>gpu not exists</c>,
/// <c>kernel semver &gt;= 6.1</c> (also <c>&gt;</c>, <c>&lt;</c>, <c>&lt;=</c>); <see cref="Parse"/> reads
/// that form and <see cref="ToString"/> writes it.
/// </summary>
public sealed class LabelConstraint : IEquatable<LabelConstraint>
{
    private string? _text;

    private LabelConstraint(string key, ConstraintOperator op, ImmutableArray<string> values, SemanticVersion version)
    {
        Key = key;
        Operator = op;
        Values = values;
        Version = version;
    }

    /// <summary>The label's name.</summary>
    public string Key { get; }

    public ConstraintOperator Operator { get; }

    /// <summary>The values compared with: one for = and !=, one or more for in and not in, none for exists, the version's text for semver.</summary>
    public ImmutableArray<string> Values { get; }

    /// <summary>The version compared with, for the semver operators.</summary>
    public SemanticVersion Version { get; }

    /// <summary>True for the semver operators.</summary>
    public bool IsVersionComparison => Operator >= ConstraintOperator.VersionGreater;

    public static LabelConstraint Equal(string key, string value) => Create(key, ConstraintOperator.Equal, [value]);

    public static LabelConstraint NotEqual(string key, string value) => Create(key, ConstraintOperator.NotEqual, [value]);

    public static LabelConstraint In(string key, params IEnumerable<string> values) => Create(key, ConstraintOperator.In, [.. values]);

    public static LabelConstraint NotIn(string key, params IEnumerable<string> values) => Create(key, ConstraintOperator.NotIn, [.. values]);

    public static LabelConstraint Exists(string key) => Create(key, ConstraintOperator.Exists, []);

    public static LabelConstraint NotExists(string key) => Create(key, ConstraintOperator.NotExists, []);

    /// <summary>A semver comparison; <paramref name="op"/> is one of the Version operators.</summary>
    public static LabelConstraint VersionCompare(string key, ConstraintOperator op, string version) => Create(key, op, [version]);

    /// <summary>Builds a constraint, checking that the values suit the operator.</summary>
    /// <exception cref="ArgumentException">The key is empty or the values do not suit the operator.</exception>
    public static LabelConstraint Create(string key, ConstraintOperator op, ImmutableArray<string> values)
    {
        var error = Check(key, op, values, out var version);
        return error is null ? new LabelConstraint(key, op, values, version) : throw new ArgumentException(error, nameof(values));
    }

    /// <summary>Reads the written form (see the type's summary).</summary>
    /// <exception cref="FormatException">The text is not a constraint; the message says why.</exception>
    public static LabelConstraint Parse(string text) =>
        TryParse(text, out var constraint, out var error) ? constraint : throw new FormatException(error);

    /// <summary>Reads the written form; on failure <paramref name="error"/> says what is wrong, for a field violation.</summary>
    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out LabelConstraint? constraint, out string error)
    {
        constraint = null;
        if (!LabelConstraintSyntax.TryRead(text, out var key, out var op, out var values, out error))
        {
            return false;
        }

        var invalid = Check(key, op, values, out var version);
        if (invalid is not null)
        {
            error = invalid;
            return false;
        }

        constraint = new LabelConstraint(key, op, values, version);
        return true;
    }

    /// <summary>Whether a label with this value (null: the label is absent) satisfies the constraint.</summary>
    public bool IsSatisfiedBy(string? value) => Operator switch
    {
        ConstraintOperator.Equal => value is not null && string.Equals(value, Values[0], StringComparison.Ordinal),
        ConstraintOperator.NotEqual => value is null || !string.Equals(value, Values[0], StringComparison.Ordinal),
        ConstraintOperator.In => value is not null && Contains(value),
        ConstraintOperator.NotIn => value is null || !Contains(value),
        ConstraintOperator.Exists => value is not null,
        ConstraintOperator.NotExists => value is null,
        _ => value is not null && SemanticVersion.TryParse(value, out var actual) && IsSatisfiedBy(actual),
    };

    /// <summary>Whether a label holding this version satisfies a semver constraint.</summary>
    public bool IsSatisfiedBy(SemanticVersion actual) => Operator switch
    {
        ConstraintOperator.VersionGreater => actual > Version,
        ConstraintOperator.VersionGreaterOrEqual => actual >= Version,
        ConstraintOperator.VersionLess => actual < Version,
        ConstraintOperator.VersionLessOrEqual => actual <= Version,
        _ => false,
    };

    /// <summary>Whether labels satisfy the constraint.</summary>
    public bool IsSatisfiedBy(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return IsSatisfiedBy(labels.TryGetValue(Key, out var value) ? value : null);
    }

    /// <summary>The written form; computed once, since reasons and cache keys ask for it often.</summary>
    public override string ToString() => _text ??= Operator switch
    {
        ConstraintOperator.Equal => $"{Key}={Values[0]}",
        ConstraintOperator.NotEqual => $"{Key}!={Values[0]}",
        ConstraintOperator.In => $"{Key} in ({string.Join(", ", Values)})",
        ConstraintOperator.NotIn => $"{Key} not in ({string.Join(", ", Values)})",
        ConstraintOperator.Exists => $"{Key} exists",
        ConstraintOperator.NotExists => $"{Key} not exists",
        ConstraintOperator.VersionGreater => $"{Key} semver > {Values[0]}",
        ConstraintOperator.VersionGreaterOrEqual => $"{Key} semver >= {Values[0]}",
        ConstraintOperator.VersionLess => $"{Key} semver < {Values[0]}",
        _ => $"{Key} semver <= {Values[0]}",
    };

    public bool Equals(LabelConstraint? other) =>
        other is not null
        && string.Equals(Key, other.Key, StringComparison.Ordinal)
        && Operator == other.Operator
        && Values.SequenceEqual(other.Values, StringComparer.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as LabelConstraint);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Key, StringComparer.Ordinal);
        hash.Add(Operator);
        foreach (var value in Values)
        {
            hash.Add(value, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    private bool Contains(string value)
    {
        foreach (var candidate in Values)
        {
            if (string.Equals(candidate, value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string? Check(string key, ConstraintOperator op, ImmutableArray<string> values, out SemanticVersion version)
    {
        version = default;
        if (string.IsNullOrWhiteSpace(key))
        {
            return "a constraint needs a label name";
        }

        if (values.IsDefault)
        {
            values = [];
        }

        foreach (var value in values)
        {
            if (string.IsNullOrEmpty(value))
            {
                return $"constraint on {key}: values must not be empty";
            }
        }

        return op switch
        {
            ConstraintOperator.Equal or ConstraintOperator.NotEqual when values.Length != 1 =>
                $"constraint on {key}: = and != take exactly one value",
            ConstraintOperator.In or ConstraintOperator.NotIn when values.Length == 0 =>
                $"constraint on {key}: in and not in take at least one value",
            ConstraintOperator.Exists or ConstraintOperator.NotExists when values.Length != 0 =>
                $"constraint on {key}: exists and not exists take no value",
            >= ConstraintOperator.VersionGreater when values.Length != 1 =>
                $"constraint on {key}: semver comparisons take exactly one version",
            >= ConstraintOperator.VersionGreater when !SemanticVersion.TryParse(values[0], out version) =>
                $"constraint on {key}: \"{values[0]}\" is not a version (expected MAJOR[.MINOR[.PATCH]][-PRERELEASE])",
            > ConstraintOperator.VersionLessOrEqual or < ConstraintOperator.Equal => $"constraint on {key}: unknown operator {op}",
            _ => null,
        };
    }
}
