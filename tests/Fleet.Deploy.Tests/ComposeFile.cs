using YamlDotNet.RepresentationModel;

namespace Fleet.Deploy.Tests;

/// <summary>The repository's docker-compose.yml.</summary>
internal sealed class ComposeFile
{
    private ComposeFile(YamlMappingNode root)
    {
        Services = (root.Mapping("services") ?? new YamlMappingNode()).Entries()
            .ToDictionary(entry => entry.Key, entry => new ComposeService(entry.Key, (YamlMappingNode)entry.Value), StringComparer.Ordinal);
        NamedVolumes = (root.Mapping("volumes") ?? new YamlMappingNode()).Entries().Select(entry => entry.Key).ToHashSet(StringComparer.Ordinal);
    }

    public static string Path => RepositoryRoot.Combine("docker-compose.yml");

    public IReadOnlyDictionary<string, ComposeService> Services { get; }

    public IReadOnlySet<string> NamedVolumes { get; }

    /// <summary>The services built from Fleet's own Dockerfiles.</summary>
    public IEnumerable<ComposeService> FleetServices => Services.Values.Where(service => service.Owner is not null);

    public static ComposeFile Load() => new(YamlFile.Load(Path));

    public ComposeService Service(string name)
    {
        Assert.True(Services.TryGetValue(name, out var service), $"docker-compose.yml has no service '{name}'.");
        return service;
    }
}
