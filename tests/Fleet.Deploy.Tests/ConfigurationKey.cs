namespace Fleet.Deploy.Tests;

/// <summary>One configuration key of a Fleet process.</summary>
/// <param name="Owner">"controlplane", "agent", or "*" for keys every Fleet host reads.</param>
/// <param name="Key">The ASP.NET configuration key (<c>Section:Name</c>; <c>Section__Name</c> as an environment variable).</param>
/// <param name="Default">The value the process uses when the key is not given.</param>
/// <param name="Listens">True for a URL the process listens on (as opposed to one it dials).</param>
internal sealed record ConfigurationKey(string Owner, string Key, string Default, bool Listens = false)
{
    /// <summary>The port of a URL default such as <c>http://127.0.0.1:7400</c>.</summary>
    public int DefaultPort => new Uri(Default).Port;
}
