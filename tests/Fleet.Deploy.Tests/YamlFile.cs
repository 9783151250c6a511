using YamlDotNet.RepresentationModel;

namespace Fleet.Deploy.Tests;

/// <summary>Reads a YAML file as its node tree, with the few look-ups the deploy files need.</summary>
internal static class YamlFile
{
    public static YamlMappingNode Load(string path)
    {
        using var reader = File.OpenText(path);
        var stream = new YamlStream();
        stream.Load(reader);
        return Assert.IsType<YamlMappingNode>(stream.Documents[0].RootNode, exactMatch: false);
    }

    public static YamlNode? Child(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    public static YamlMappingNode? Mapping(this YamlMappingNode node, string key) => node.Child(key) as YamlMappingNode;

    public static IEnumerable<YamlNode> Items(this YamlMappingNode node, string key) =>
        node.Child(key) is YamlSequenceNode sequence ? sequence.Children : [];

    public static string? Scalar(this YamlMappingNode node, string key) => (node.Child(key) as YamlScalarNode)?.Value;

    public static IEnumerable<KeyValuePair<string, YamlNode>> Entries(this YamlMappingNode node) =>
        node.Children.Select(entry => KeyValuePair.Create(((YamlScalarNode)entry.Key).Value!, entry.Value));
}
