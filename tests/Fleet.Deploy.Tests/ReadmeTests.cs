namespace Fleet.Deploy.Tests;

public sealed class ReadmeTests
{
    [Fact]
    public void The_operator_docs_list_every_configuration_key_with_its_default()
    {
        var rows = File.ReadAllLines(RepositoryRoot.Combine("deploy", "README.md"))
            .Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .ToList();

        foreach (var key in ConfigurationKeys.All)
        {
            var row = rows.SingleOrDefault(row => row.StartsWith($"| `{key.Key}` |", StringComparison.Ordinal));
            Assert.True(row is not null, $"deploy/README.md has no row for {key.Key}.");
            var documentedDefault = row.Split('|')[2].Replace("`", string.Empty, StringComparison.Ordinal).Trim();
            Assert.Equal(key.Default, documentedDefault);
        }
    }
}
