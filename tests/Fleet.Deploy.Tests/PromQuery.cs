using System.Text.RegularExpressions;

namespace Fleet.Deploy.Tests;

/// <summary>
/// Just enough PromQL reading to check a dashboard: which metrics an expression names and with
/// which label matchers. Not a parser; the dashboard tests hold the expressions to this shape.
/// </summary>
internal static partial class PromQuery
{
    private static readonly HashSet<string> Keywords =
        ["by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset", "and", "or", "unless", "inf", "nan"];

    public static IReadOnlyList<MetricSelector> Selectors(string expression) =>
        Selector().Matches(expression)
            .Select(selector => new MetricSelector(
                selector.Groups["metric"].Value,
                Matcher().Matches(selector.Groups["matchers"].Value)
                    .Select(matcher => new LabelMatcher(matcher.Groups["label"].Value, matcher.Groups["op"].Value, Regex.Unescape(matcher.Groups["value"].Value)))
                    .ToList()))
            .ToList();

    /// <summary>Every metric name in the expression, with or without a selector.</summary>
    public static IReadOnlySet<string> MetricNames(string expression)
    {
        var bare = StringLiteral().Replace(expression, "\"\"");
        bare = Braces().Replace(bare, " ");
        bare = Range().Replace(bare, " ");
        bare = Grouping().Replace(bare, " ");
        return Identifier().Matches(bare)
            .Where(identifier => !identifier.Groups["call"].Success && !Keywords.Contains(identifier.Groups["name"].Value))
            .Select(identifier => identifier.Groups["name"].Value)
            .ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"(?<metric>[a-zA-Z_:][a-zA-Z0-9_:]*)\s*\{(?<matchers>[^}]*)\}")]
    private static partial Regex Selector();

    [GeneratedRegex(@"(?<label>[a-zA-Z_][a-zA-Z0-9_]*)\s*(?<op>=~|!~|!=|=)\s*""(?<value>(?:[^""\\]|\\.)*)""")]
    private static partial Regex Matcher();

    [GeneratedRegex(@"""(?:[^""\\]|\\.)*""")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Braces();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Range();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"(?<![\w.])(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<call>\s*\()?")]
    private static partial Regex Identifier();
}
