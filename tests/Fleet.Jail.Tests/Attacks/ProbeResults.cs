namespace Fleet.Jail.Tests.Attacks;

/// <summary>fleet-probe's "name: result" lines as a dictionary (the last line of a name wins).</summary>
internal static class ProbeResults
{
    public static Dictionary<string, string> Parse(string stdout)
    {
        var results = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.LastIndexOf(": ", StringComparison.Ordinal);
            if (colon > 0)
            {
                results[line[..colon]] = line[(colon + 2)..];
            }
        }

        return results;
    }
}
