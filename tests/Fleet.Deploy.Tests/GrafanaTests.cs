using YamlDotNet.RepresentationModel;

namespace Fleet.Deploy.Tests;

public sealed class GrafanaTests
{
    private static readonly string Provisioning = RepositoryRoot.Combine("deploy", "grafana", "provisioning");

    private readonly ComposeFile _compose = ComposeFile.Load();

    private static YamlMappingNode Datasource =>
        Assert.Single(YamlFile.Load(Path.Combine(Provisioning, "datasources", "prometheus.yml")).Items("datasources").Cast<YamlMappingNode>());

    [Fact]
    public void The_datasource_is_the_prometheus_service()
    {
        var url = new Uri(Datasource.Scalar("url")!);
        var prometheus = _compose.Service(url.Host);

        Assert.Equal("prometheus", Datasource.Scalar("type"));
        Assert.Contains(prometheus.Ports, port => port.Target == url.Port);
    }

    [Fact]
    public void Grafana_mounts_the_provisioning_and_the_directory_the_dashboard_provider_reads()
    {
        var grafana = _compose.Service("grafana");
        var provider = Assert.Single(YamlFile.Load(Path.Combine(Provisioning, "dashboards", "fleet.yml")).Items("providers").Cast<YamlMappingNode>());
        var providerPath = provider.Mapping("options")!.Scalar("path");

        foreach (var directory in Directory.GetDirectories(Provisioning))
        {
            var target = $"/etc/grafana/provisioning/{Path.GetFileName(directory)}";
            Assert.Contains(grafana.Volumes, volume => volume.Target == target && FullPath(volume.Source) == directory);
        }

        Assert.Contains(grafana.Volumes, volume => volume.Target == providerPath && FullPath(volume.Source) == GrafanaDashboard.Directory);
    }

    [Fact]
    public void Every_panel_and_query_uses_the_provisioned_datasource()
    {
        var uid = Datasource.Scalar("uid");
        var dashboards = GrafanaDashboard.All();

        Assert.NotEmpty(dashboards);
        foreach (var dashboard in dashboards)
        {
            Assert.NotEmpty(dashboard.Targets);
            foreach (var element in dashboard.Panels.Where(panel => panel.GetProperty("type").GetString() != "row").Concat(dashboard.Targets))
            {
                Assert.Equal(uid, element.GetProperty("datasource").GetProperty("uid").GetString());
            }

            var ids = dashboard.Panels.Select(panel => panel.GetProperty("id").GetInt32()).ToList();
            Assert.Equal(ids.Count, ids.Distinct().Count());
        }
    }

    [Fact]
    public void Every_metric_a_query_names_is_selected_by_a_scrape_job()
    {
        var jobs = PrometheusConfig.Jobs().Select(job => job.Name).ToList();

        foreach (var expression in GrafanaDashboard.All().SelectMany(dashboard => dashboard.Expressions))
        {
            var selectors = PromQuery.Selectors(expression);
            // A metric without a selector would query every job, and would escape the checks below.
            Assert.Equal(PromQuery.MetricNames(expression).Order(), selectors.Select(selector => selector.Metric).Distinct().Order());
            foreach (var selector in selectors)
            {
                var job = selector.Matchers.SingleOrDefault(matcher => matcher.Label == "job");
                Assert.True(job is not null, $"'{expression}': {selector.Metric} has no job matcher.");
                Assert.True(jobs.Any(job.Matches), $"'{expression}': job matcher {job.Operator}\"{job.Value}\" selects no scrape job of {string.Join(", ", jobs)}.");
            }
        }
    }

    private static string FullPath(string source) => Path.GetFullPath(Path.Combine(RepositoryRoot.Path, source));
}
