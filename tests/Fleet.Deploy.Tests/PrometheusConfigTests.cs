using YamlDotNet.RepresentationModel;

namespace Fleet.Deploy.Tests;

public sealed class PrometheusConfigTests
{
    private const string ConfigInContainer = "/etc/prometheus/prometheus.yml";

    private readonly ComposeFile _compose = ComposeFile.Load();

    [Fact]
    public void Prometheus_reads_the_repository_config()
    {
        var mount = Assert.Single(_compose.Service("prometheus").Volumes, volume => volume.Target == ConfigInContainer);

        Assert.Equal(PrometheusConfig.Path, Path.GetFullPath(Path.Combine(RepositoryRoot.Path, mount.Source)));
    }

    [Fact]
    public void Every_scrape_target_is_the_http_port_of_a_compose_service()
    {
        var jobs = PrometheusConfig.Jobs();

        Assert.NotEmpty(jobs);
        foreach (var job in jobs)
        {
            Assert.Equal("/metrics", job.Node.Scalar("metrics_path") ?? "/metrics");
            Assert.NotEmpty(job.Targets);
            foreach (var target in job.Targets)
            {
                var (host, port) = Split(target);
                var service = _compose.Service(host);
                Assert.NotNull(service.Owner);
                var httpUrl = ConfigurationKeys.ListenUrls(service.Owner).Single(key => key.Key.EndsWith(":HttpUrl", StringComparison.Ordinal));
                Assert.Equal(new Uri(service.Setting(httpUrl)).Port, port);
            }
        }
    }

    [Fact]
    public void Every_fleet_service_is_scraped()
    {
        var scraped = PrometheusConfig.Jobs().SelectMany(job => job.Targets).Select(target => Split(target).Host).ToHashSet();

        foreach (var service in _compose.FleetServices)
        {
            Assert.Contains(service.Name, scraped);
        }
    }

    private static (string Host, int Port) Split(string target)
    {
        var colon = target.LastIndexOf(':');
        Assert.True(colon > 0, $"Scrape target '{target}' has no port.");
        return (target[..colon], int.Parse(target[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }
}
