using System.Text.Json;

namespace Fleet.Deploy.Tests;

/// <summary>A provisioned Grafana dashboard under deploy/grafana/dashboards.</summary>
internal sealed class GrafanaDashboard
{
    private GrafanaDashboard(string path, JsonElement root)
    {
        Path = path;
        Root = root;
    }

    public static string Directory => RepositoryRoot.Combine("deploy", "grafana", "dashboards");

    public string Path { get; }

    public JsonElement Root { get; }

    /// <summary>Every panel, rows' nested panels included.</summary>
    public IEnumerable<JsonElement> Panels => Flatten(Root);

    /// <summary>Every query target of every panel.</summary>
    public IEnumerable<JsonElement> Targets => Panels.SelectMany(panel =>
        panel.TryGetProperty("targets", out var targets) ? targets.EnumerateArray() : Enumerable.Empty<JsonElement>());

    public IEnumerable<string> Expressions => Targets.Select(target => target.GetProperty("expr").GetString()!);

    public static IReadOnlyList<GrafanaDashboard> All() =>
        System.IO.Directory.GetFiles(Directory, "*.json").Order(StringComparer.Ordinal)
            .Select(path =>
            {
                using var document = JsonDocument.Parse(File.ReadAllText(path));
                return new GrafanaDashboard(path, document.RootElement.Clone());
            })
            .ToList();

    private static IEnumerable<JsonElement> Flatten(JsonElement container)
    {
        if (!container.TryGetProperty("panels", out var panels))
        {
            yield break;
        }

        foreach (var panel in panels.EnumerateArray())
        {
            yield return panel;
            foreach (var nested in Flatten(panel))
            {
                yield return nested;
            }
        }
    }
}
