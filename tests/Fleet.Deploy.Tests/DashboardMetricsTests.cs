using System.Diagnostics;
using System.Net;

namespace Fleet.Deploy.Tests;

public sealed class DashboardMetricsTests
{
    // Prometheus makes these for every target itself; no process exports them.
    private static readonly HashSet<string> ScrapeSeries =
        ["up", "scrape_duration_seconds", "scrape_samples_scraped", "scrape_samples_post_metric_relabeling", "scrape_series_added"];

    // job and instance are attached by Prometheus when it scrapes.
    private static readonly HashSet<string> TargetLabels = ["job", "instance"];

    [Fact]
    public async Task Every_series_the_dashboards_query_is_exported_by_a_host_with_the_service_defaults()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var selectors = GrafanaDashboard.All()
            .SelectMany(dashboard => dashboard.Expressions)
            .SelectMany(PromQuery.Selectors)
            .Where(selector => !ScrapeSeries.Contains(selector.Metric))
            .ToList();
        Assert.NotEmpty(selectors);

        await using var host = await ServiceDefaultsHost.StartAsync(cancellationToken);
        await host.GetHealthAsync(HttpVersion.Version11, cancellationToken);
        await host.GetHealthAsync(HttpVersion.Version20, cancellationToken);

        // Observable instruments and finished requests reach the exporter shortly after, not at once.
        var waited = Stopwatch.StartNew();
        List<string> missing;
        while (true)
        {
            var samples = MetricSample.Parse(await host.ScrapeAsync(cancellationToken));
            missing = selectors.Where(selector => !samples.Any(sample => Satisfies(sample, selector)))
                .Select(Describe)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (missing.Count == 0 || waited.Elapsed > TimeSpan.FromSeconds(20))
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }

        Assert.True(missing.Count == 0, $"The dashboards query series no Fleet host exports: {string.Join("; ", missing)}");
    }

    // An exact matcher needs a series with that value; any other matcher needs the label to exist
    // (the values it filters on, e.g. Fleet's own grain types, belong to the real control plane).
    private static bool Satisfies(MetricSample sample, MetricSelector selector) =>
        sample.Name == selector.Metric &&
        selector.Matchers.Where(matcher => !TargetLabels.Contains(matcher.Label)).All(matcher =>
            sample.Labels.TryGetValue(matcher.Label, out var value) && (matcher.Operator != "=" || value == matcher.Value));

    private static string Describe(MetricSelector selector) =>
        $"{selector.Metric}{{{string.Join(", ", selector.Matchers.Where(matcher => !TargetLabels.Contains(matcher.Label)).Select(matcher => $"{matcher.Label}{matcher.Operator}\"{matcher.Value}\""))}}}";
}
