namespace Fleet.Deploy.Tests;

/// <summary>One Dockerfile instruction with its continuation lines joined.</summary>
/// <param name="Keyword">Upper-case instruction name: FROM, COPY, RUN, ENV, …</param>
/// <param name="Arguments">Everything after the keyword, continuation lines joined with a space.</param>
internal sealed record DockerInstruction(string Keyword, string Arguments)
{
    /// <summary>The arguments split on white space, leading <c>--flag</c> options left out.</summary>
    public IReadOnlyList<string> Words => Arguments.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The value of a leading <c>--name=value</c> option, or null.</summary>
    public string? Option(string name) =>
        Words.TakeWhile(word => word.StartsWith("--", StringComparison.Ordinal))
            .Where(word => word.StartsWith($"--{name}=", StringComparison.Ordinal))
            .Select(word => word[(name.Length + 3)..])
            .FirstOrDefault();

    /// <summary>The arguments after the leading options.</summary>
    public IReadOnlyList<string> Operands => Words.SkipWhile(word => word.StartsWith("--", StringComparison.Ordinal)).ToList();
}
