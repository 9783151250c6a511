using YamlDotNet.RepresentationModel;

namespace Fleet.Deploy.Tests;

/// <summary>One Prometheus scrape job with its static targets (<c>host:port</c>).</summary>
internal sealed record ScrapeJob(string Name, YamlMappingNode Node, IReadOnlyList<string> Targets);
