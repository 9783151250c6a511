using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Fleet.Deploy.Tests;

/// <summary>One service of docker-compose.yml, with the image's Dockerfile when compose builds it.</summary>
internal sealed class ComposeService(string name, YamlMappingNode node)
{
    public string Name { get; } = name;

    public YamlMappingNode Node { get; } = node;

    public bool Privileged => Node.Scalar("privileged") == "true";

    public string? Cgroup => Node.Scalar("cgroup");

    /// <summary>The build context as a full path, or null for a service that runs a published image.</summary>
    public string? BuildContext => Node.Mapping("build") is { } build
        ? System.IO.Path.GetFullPath(System.IO.Path.Combine(RepositoryRoot.Path, build.Scalar("context") ?? "."))
        : null;

    /// <summary>The Dockerfile as a full path (compose resolves it against the build context).</summary>
    public string? DockerfilePath => Node.Mapping("build") is { } build && BuildContext is { } context
        ? System.IO.Path.GetFullPath(System.IO.Path.Combine(context, build.Scalar("dockerfile") ?? "Dockerfile"))
        : null;

    public Dockerfile? Dockerfile => DockerfilePath is { } path && File.Exists(path) ? Dockerfile.Load(path) : null;

    /// <summary>Which Fleet process the image runs ("controlplane" for deploy/controlplane.Dockerfile), or null.</summary>
    public string? Owner => DockerfilePath is { } path && path.EndsWith(".Dockerfile", StringComparison.Ordinal)
        ? System.IO.Path.GetFileNameWithoutExtension(path)
        : null;

    /// <summary>The environment compose gives (mapping or <c>KEY=value</c> list form).</summary>
    public IReadOnlyDictionary<string, string> Environment
    {
        get
        {
            var environment = new Dictionary<string, string>(StringComparer.Ordinal);
            switch (Node.Child("environment"))
            {
                case YamlMappingNode mapping:
                    foreach (var (key, value) in mapping.Entries())
                    {
                        environment[key] = (value as YamlScalarNode)?.Value ?? string.Empty;
                    }

                    break;
                case YamlSequenceNode list:
                    foreach (var item in list.Children.Cast<YamlScalarNode>())
                    {
                        var parts = item.Value!.Split('=', 2);
                        environment[parts[0]] = parts.Length == 2 ? parts[1] : string.Empty;
                    }

                    break;
            }

            return environment;
        }
    }

    /// <summary>What the process sees: the image's ENV, overridden by compose's environment.</summary>
    public IReadOnlyDictionary<string, string> EffectiveEnvironment
    {
        get
        {
            var environment = new Dictionary<string, string>(Dockerfile?.Final.Environment ?? new Dictionary<string, string>(), StringComparer.Ordinal);
            foreach (var (key, value) in Environment)
            {
                environment[key] = value;
            }

            return environment;
        }
    }

    /// <summary>The value the process uses for a configuration key: given, or its default.</summary>
    public string Setting(ConfigurationKey key)
    {
        var given = EffectiveEnvironment.FirstOrDefault(variable =>
            string.Equals(ConfigurationKeys.FromEnvironmentVariable(variable.Key), key.Key, StringComparison.OrdinalIgnoreCase));
        return given.Key is null ? key.Default : given.Value;
    }

    public IReadOnlyList<PortMapping> Ports => Node.Items("ports").Select(ParsePort).ToList();

    public IReadOnlyList<VolumeMount> Volumes => Node.Items("volumes").Select(ParseVolume).ToList();

    /// <summary>Services this one waits for, with the condition (<c>service_started</c> when compose's short form is used).</summary>
    public IReadOnlyDictionary<string, string> DependsOn => Node.Child("depends_on") switch
    {
        YamlSequenceNode list => list.Children.Cast<YamlScalarNode>().ToDictionary(item => item.Value!, _ => "service_started", StringComparer.Ordinal),
        YamlMappingNode mapping => mapping.Entries().ToDictionary(
            entry => entry.Key,
            entry => (entry.Value as YamlMappingNode)?.Scalar("condition") ?? "service_started",
            StringComparer.Ordinal),
        _ => new Dictionary<string, string>(StringComparer.Ordinal),
    };

    /// <summary>True when compose or the image defines a health check.</summary>
    public bool HasHealthcheck => Node.Mapping("healthcheck") is not null || Dockerfile?.Final.All("HEALTHCHECK").Any() == true;

    private static PortMapping ParsePort(YamlNode node)
    {
        if (node is YamlMappingNode longForm)
        {
            var published = longForm.Scalar("published");
            return new PortMapping(published is null ? null : int.Parse(published, CultureInfo.InvariantCulture), int.Parse(longForm.Scalar("target")!, CultureInfo.InvariantCulture));
        }

        // [ip:][host:]container[/protocol]
        var parts = ((YamlScalarNode)node).Value!.Split('/')[0].Split(':');
        var target = int.Parse(parts[^1], CultureInfo.InvariantCulture);
        return parts.Length == 1 ? new PortMapping(null, target) : new PortMapping(int.Parse(parts[^2], CultureInfo.InvariantCulture), target);
    }

    private static VolumeMount ParseVolume(YamlNode node)
    {
        if (node is YamlMappingNode longForm)
        {
            return new VolumeMount(longForm.Scalar("source") ?? string.Empty, longForm.Scalar("target")!, longForm.Scalar("read_only") == "true");
        }

        var parts = ((YamlScalarNode)node).Value!.Split(':');
        return parts.Length == 1
            ? new VolumeMount(string.Empty, parts[0], ReadOnly: false)
            : new VolumeMount(parts[0], parts[1], parts.Length > 2 && parts[2].Split(',').Contains("ro"));
    }
}
