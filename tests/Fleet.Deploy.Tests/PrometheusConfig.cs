using YamlDotNet.RepresentationModel;

namespace Fleet.Deploy.Tests;

/// <summary>deploy/prometheus/prometheus.yml: its scrape jobs and their static targets.</summary>
internal static class PrometheusConfig
{
    public static string Path => RepositoryRoot.Combine("deploy", "prometheus", "prometheus.yml");

    public static IReadOnlyList<ScrapeJob> Jobs() =>
        YamlFile.Load(Path).Items("scrape_configs").Cast<YamlMappingNode>()
            .Select(job => new ScrapeJob(
                job.Scalar("job_name")!,
                job,
                job.Items("static_configs").Cast<YamlMappingNode>()
                    .SelectMany(config => config.Items("targets").Cast<YamlScalarNode>().Select(target => target.Value!))
                    .ToList()))
            .ToList();
}
