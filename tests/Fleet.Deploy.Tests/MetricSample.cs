using System.Text.RegularExpressions;

namespace Fleet.Deploy.Tests;

/// <summary>One series of a Prometheus text-format scrape: its name and labels (the value is not needed).</summary>
internal sealed partial record MetricSample(string Name, IReadOnlyDictionary<string, string> Labels)
{
    public static IReadOnlyList<MetricSample> Parse(string scrape) =>
        scrape.Split('\n')
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => Series().Match(line))
            .Where(match => match.Success)
            .Select(match => new MetricSample(
                match.Groups["name"].Value,
                Label().Matches(match.Groups["labels"].Value).ToDictionary(
                    label => label.Groups["label"].Value,
                    label => Regex.Unescape(label.Groups["value"].Value),
                    StringComparer.Ordinal)))
            .ToList();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?<labels>.*)\})?\s")]
    private static partial Regex Series();

    [GeneratedRegex(@"(?<label>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();
}
