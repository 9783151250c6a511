using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Fleet.Scheduling;

/// <summary>
/// Picks workloads by their labels: every requirement must hold (an empty selector picks every
/// workload). Written as requirements separated by commas, e.g. <c>app=web, tier in (a, b)</c>.
/// Selectors with an <c>=</c> or <c>in</c> requirement are answered from the snapshot's label index;
/// others scan every workload in the cluster.
/// </summary>
public sealed class WorkloadSelector : IEquatable<WorkloadSelector>
{
    public WorkloadSelector(IEnumerable<LabelConstraint> requirements)
    {
        ArgumentNullException.ThrowIfNull(requirements);
        Requirements = [.. requirements];
    }

    public ImmutableArray<LabelConstraint> Requirements { get; }

    public static WorkloadSelector Of(params IEnumerable<LabelConstraint> requirements) => new(requirements);

    /// <summary>Selects workloads whose label <paramref name="key"/> is <paramref name="value"/>.</summary>
    public static WorkloadSelector Label(string key, string value) => new([LabelConstraint.Equal(key, value)]);

    /// <exception cref="FormatException">A requirement is not a constraint; the message says which and why.</exception>
    public static WorkloadSelector Parse(string text) =>
        TryParse(text, out var selector, out var error) ? selector : throw new FormatException(error);

    public static bool TryParse(string? text, [NotNullWhen(true)] out WorkloadSelector? selector, out string error)
    {
        selector = null;
        error = string.Empty;
        var requirements = new List<LabelConstraint>();
        var rest = text ?? string.Empty;
        var depth = 0;
        var start = 0;
        for (var i = 0; i <= rest.Length; i++)
        {
            if (i < rest.Length)
            {
                depth += rest[i] switch { '(' => 1, ')' => -1, _ => 0 };
                if (rest[i] != ',' || depth > 0)
                {
                    continue;
                }
            }

            var part = rest[start..i];
            start = i + 1;
            if (string.IsNullOrWhiteSpace(part) && i == rest.Length && requirements.Count == 0)
            {
                break;
            }

            if (!LabelConstraint.TryParse(part, out var requirement, out error))
            {
                return false;
            }

            requirements.Add(requirement);
        }

        selector = new WorkloadSelector(requirements);
        return true;
    }

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        foreach (var requirement in Requirements)
        {
            if (!requirement.IsSatisfiedBy(labels.TryGetValue(requirement.Key, out var value) ? value : null))
            {
                return false;
            }
        }

        return true;
    }

    public override string ToString() => Requirements.IsEmpty ? "any workload" : string.Join(", ", Requirements);

    public bool Equals(WorkloadSelector? other) => other is not null && Requirements.SequenceEqual(other.Requirements);

    public override bool Equals(object? obj) => Equals(obj as WorkloadSelector);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var requirement in Requirements)
        {
            hash.Add(requirement);
        }

        return hash.ToHashCode();
    }
}
