using System.Text.RegularExpressions;

namespace Fleet.Deploy.Tests;

/// <summary>One PromQL label matcher, e.g. <c>job=~"fleet-.*"</c>; the value is unescaped.</summary>
internal sealed record LabelMatcher(string Label, string Operator, string Value)
{
    /// <summary>Whether a label value satisfies the matcher (PromQL regexes are anchored).</summary>
    public bool Matches(string value) => Operator switch
    {
        "=" => value == Value,
        "!=" => value != Value,
        "=~" => Regex.IsMatch(value, $"^(?:{Value})$", RegexOptions.None, TimeSpan.FromSeconds(1)),
        "!~" => !Regex.IsMatch(value, $"^(?:{Value})$", RegexOptions.None, TimeSpan.FromSeconds(1)),
        _ => throw new InvalidOperationException($"Unknown PromQL matcher operator '{Operator}'."),
    };
}
