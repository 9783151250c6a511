using System.Text.Json;

namespace Fleet.Deploy.Tests;

/// <summary>One build stage of a Dockerfile: its FROM and the instructions up to the next FROM.</summary>
internal sealed class DockerStage(string baseImage, string? name, IReadOnlyList<DockerInstruction> instructions)
{
    public string BaseImage { get; } = baseImage;

    public string? Name { get; } = name;

    public IReadOnlyList<DockerInstruction> Instructions { get; } = instructions;

    public IEnumerable<DockerInstruction> All(string keyword) =>
        Instructions.Where(instruction => instruction.Keyword == keyword);

    /// <summary>Every RUN command of the stage, one string each.</summary>
    public IEnumerable<string> Runs => All("RUN").Select(run => run.Arguments);

    /// <summary>The user of the last USER instruction, or null when the stage runs as the base image's user.</summary>
    public string? User => All("USER").Select(user => user.Arguments.Trim()).LastOrDefault();

    /// <summary>ENV values in order, later ones overriding earlier ones (<c>KEY=value</c> and <c>KEY value</c> forms).</summary>
    public IReadOnlyDictionary<string, string> Environment
    {
        get
        {
            var environment = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var env in All("ENV"))
            {
                var words = env.Words;
                if (words.Count > 0 && !words[0].Contains('=', StringComparison.Ordinal))
                {
                    environment[words[0]] = string.Join(' ', words.Skip(1));
                    continue;
                }

                foreach (var word in words)
                {
                    var equals = word.IndexOf('=', StringComparison.Ordinal);
                    environment[word[..equals]] = word[(equals + 1)..].Trim('"');
                }
            }

            return environment;
        }
    }

    /// <summary>The exec-form ENTRYPOINT of the stage.</summary>
    public IReadOnlyList<string> Entrypoint =>
        All("ENTRYPOINT").Select(entrypoint => JsonSerializer.Deserialize<string[]>(entrypoint.Arguments) ?? []).LastOrDefault() ?? [];
}
